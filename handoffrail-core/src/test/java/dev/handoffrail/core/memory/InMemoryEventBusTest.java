package dev.handoffrail.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.contract.EventBusContract;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.EventBus.Message;
import dev.handoffrail.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class InMemoryEventBusTest extends EventBusContract {
    private static final Message DELETED = new EventBus.TenantDeleted(new TenantId("acme"));

    @Override
    protected EventBus newEventBus() {
        return new InMemoryEventBus();
    }

    @Test
    void a_message_has_reached_every_subscriber_when_publish_returns() {
        InMemoryEventBus bus = new InMemoryEventBus();
        List<Message> received = new ArrayList<>();
        bus.subscribe(received::add);

        bus.publish(DELETED);

        assertThat(received).containsExactly(DELETED);
    }

    @Test
    void the_same_listener_subscribed_twice_receives_twice_and_unsubscribes_once() throws Exception {
        InMemoryEventBus bus = new InMemoryEventBus();
        List<Message> received = new ArrayList<>();
        Consumer<Message> listener = received::add;
        AutoCloseable first = bus.subscribe(listener);
        bus.subscribe(listener);

        bus.publish(DELETED);
        first.close();
        bus.publish(DELETED);

        assertThat(received).hasSize(3);
    }

    @Test
    void a_closed_bus_reaches_no_one() {
        InMemoryEventBus bus = new InMemoryEventBus();
        List<Message> received = new ArrayList<>();
        bus.subscribe(received::add);

        bus.close();
        bus.publish(DELETED);

        assertThat(received).isEmpty();
    }
}
