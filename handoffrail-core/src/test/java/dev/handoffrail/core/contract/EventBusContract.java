package dev.handoffrail.core.contract;

import static dev.handoffrail.core.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.EventBus.Message;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link EventBus} contract. Delivery may be asynchronous, so listeners collect into queues that tests wait
 * on (never sleep). To prove that something did not arrive, a test publishes a final marker message and waits
 * for it: the contract assumes that one publisher's messages reach a listener in publishing order. Each test uses
 * a fresh tenant and ignores other tenants' messages, so a shared backend (Redis) needs no cleaning.
 */
public abstract class EventBusContract {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PROBE = "probe";

    private EventBus bus;
    private TenantId tenant;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();

    /** An event bus of the adapter under test; closed after each test. */
    protected abstract EventBus newEventBus();

    @BeforeEach
    final void openBus() {
        bus = newEventBus();
        tenant = new TenantId("bus-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterEach
    final void closeBus() throws Exception {
        for (AutoCloseable subscription : subscriptions) {
            subscription.close();
        }
        bus.close();
    }

    @Test
    void every_subscriber_receives_each_message_once() throws Exception {
        Inbox first = subscribed();
        Inbox second = subscribed();
        Inbox third = subscribed();
        List<Message> messages = List.of(keyRevoked(), packetEvent(), keyRevoked());

        messages.forEach(bus::publish);
        Message marker = marker();
        bus.publish(marker);

        for (Inbox inbox : List.of(first, second, third)) {
            assertThat(inbox.takeUntil(marker)).containsExactlyElementsOf(messages);
        }
    }

    @Test
    void every_kind_of_message_arrives_intact() throws Exception {
        Inbox inbox = subscribed();
        Message revoked = keyRevoked();
        Message event = packetEvent();
        Message deleted = new EventBus.TenantDeleted(tenant);
        Message tenantChanged = new EventBus.TenantDataChanged(tenant, EventBus.TenantDataChanged.Scope.TENANT);
        Message webhooksChanged = new EventBus.TenantDataChanged(tenant, EventBus.TenantDataChanged.Scope.WEBHOOKS);

        bus.publish(revoked);
        bus.publish(event);
        bus.publish(deleted);
        bus.publish(tenantChanged);
        bus.publish(webhooksChanged);

        assertThat(inbox.take()).isEqualTo(revoked);
        assertThat(inbox.take()).isEqualTo(event);
        assertThat(inbox.take()).isEqualTo(deleted);
        assertThat(inbox.take()).isEqualTo(tenantChanged);
        assertThat(inbox.take()).isEqualTo(webhooksChanged);
    }

    @Test
    void an_unsubscribed_listener_receives_nothing_more() throws Exception {
        Inbox staying = subscribed();
        Inbox leaving = new Inbox();
        AutoCloseable subscription = bus.subscribe(leaving);
        awaitReady(leaving);
        Message before = keyRevoked();
        bus.publish(before);
        assertThat(leaving.take()).isEqualTo(before);

        subscription.close();
        Message after = keyRevoked();
        bus.publish(after);
        Message marker = marker();
        bus.publish(marker);

        assertThat(staying.takeUntil(marker)).containsExactly(before, after);
        assertThat(leaving.remaining()).isEmpty();
    }

    @Test
    void a_failing_listener_does_not_stop_the_others_or_later_messages() throws Exception {
        Inbox inbox = subscribed();
        subscriptions.add(bus.subscribe(message -> {
            throw new IllegalStateException("listener bug");
        }));
        Message first = keyRevoked();
        Message second = keyRevoked();

        bus.publish(first);
        bus.publish(second);

        assertThat(inbox.take()).isEqualTo(first);
        assertThat(inbox.take()).isEqualTo(second);
    }

    /** A new listener, subscribed and known to receive messages. */
    private Inbox subscribed() throws Exception {
        Inbox inbox = new Inbox();
        subscriptions.add(bus.subscribe(inbox));
        awaitReady(inbox);
        return inbox;
    }

    /** Publishes probes until the listener receives one (a remote subscription may take a moment to start). */
    private void awaitReady(Inbox inbox) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            bus.publish(new EventBus.KeyRevoked(tenant, ApiKeyId.random(), PROBE));
            if (inbox.ready.await(100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
        throw new AssertionError("the subscription never received a message");
    }

    private Message keyRevoked() {
        return new EventBus.KeyRevoked(tenant, ApiKeyId.random(), UUID.randomUUID().toString().replace("-", ""));
    }

    private Message packetEvent() {
        PacketId packet = PacketId.random();
        return new EventBus.PacketEventMessage(new DomainEvent(EventType.PACKET_CLAIMED, tenant, packet,
                Map.of("status", "claimed", "previous_status", "created"), T0.plusNanos(123_456_000), null));
    }

    private Message marker() {
        return new EventBus.KeyRevoked(tenant, ApiKeyId.random(), "marker");
    }

    /** Collects this test's messages; probes and other tenants' messages are left out. */
    private final class Inbox implements Consumer<Message> {
        private final BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
        private final CountDownLatch ready = new CountDownLatch(1);

        @Override
        public void accept(Message message) {
            if (message instanceof EventBus.KeyRevoked k && PROBE.equals(k.secretHash())) {
                ready.countDown();
            } else if (message.tenant().equals(tenant)) {
                queue.add(message);
            }
        }

        Message take() throws InterruptedException {
            Message message = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(message).as("a message within %s", WAIT).isNotNull();
            return message;
        }

        /** Every message before {@code marker}, waiting for the marker to arrive. */
        List<Message> takeUntil(Message marker) throws InterruptedException {
            List<Message> received = new ArrayList<>();
            for (Message next = take(); !next.equals(marker); next = take()) {
                received.add(next);
            }
            return received;
        }

        List<Message> remaining() {
            List<Message> rest = new ArrayList<>();
            queue.drainTo(rest);
            return rest;
        }
    }
}
