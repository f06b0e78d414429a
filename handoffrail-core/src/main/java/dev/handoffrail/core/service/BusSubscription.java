package dev.handoffrail.core.service;

import dev.handoffrail.core.port.out.EventBus;
import java.util.function.Consumer;

/**
 * A listener on the event bus made on first use and ended once by {@link #close()}; after close it is never made
 * again. Unsubscribing is best-effort: it happens at shutdown. Thread-safe.
 */
final class BusSubscription implements AutoCloseable {
    private final EventBus bus;
    private final Consumer<EventBus.Message> listener;
    private AutoCloseable subscription;
    private boolean closed;

    BusSubscription(EventBus bus, Consumer<EventBus.Message> listener) {
        this.bus = bus;
        this.listener = listener;
    }

    /** Subscribes unless already subscribed or closed. */
    synchronized void ensureSubscribed() {
        if (subscription == null && !closed) {
            subscription = bus.subscribe(listener::accept);
        }
    }

    @Override
    public void close() {
        AutoCloseable current;
        synchronized (this) {
            closed = true;
            current = subscription;
            subscription = null;
        }
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                System.getLogger(BusSubscription.class.getName())
                        .log(System.Logger.Level.DEBUG, "unsubscribing from the event bus failed", e);
            }
        }
    }
}
