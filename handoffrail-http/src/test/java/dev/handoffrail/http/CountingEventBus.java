package dev.handoffrail.http;

import dev.handoffrail.core.memory.InMemoryEventBus;
import dev.handoffrail.core.port.out.EventBus;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** The in-memory event bus, counting live subscriptions so a test can see a subscriber leave. */
public final class CountingEventBus implements EventBus {
    private final InMemoryEventBus bus = new InMemoryEventBus();
    private final AtomicInteger subscriptions = new AtomicInteger();

    @Override
    public void publish(Message message) {
        bus.publish(message);
    }

    @Override
    public AutoCloseable subscribe(Consumer<Message> listener) {
        AutoCloseable subscription = bus.subscribe(listener);
        subscriptions.incrementAndGet();
        return () -> {
            subscriptions.decrementAndGet();
            subscription.close();
        };
    }

    public int subscriptions() {
        return subscriptions.get();
    }
}
