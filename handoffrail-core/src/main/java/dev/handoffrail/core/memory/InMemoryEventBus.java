package dev.handoffrail.core.memory;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.port.out.EventBus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The event bus of one instance. Delivery is synchronous, on the publishing thread: when {@link #publish}
 * returns, every subscriber registered at that moment has received the message once, which keeps tests
 * deterministic. A listener that throws is logged and skipped; the others still receive the message. Thread-safe.
 */
public final class InMemoryEventBus implements EventBus {
    private final System.Logger log = System.getLogger(InMemoryEventBus.class.getName());
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Message message) {
        requireNonNull(message, "message");
        for (Subscription subscription : subscriptions) {
            try {
                subscription.listener().accept(message);
            } catch (RuntimeException e) {
                log.log(System.Logger.Level.WARNING, "event bus listener failed on " + message.getClass()
                        .getSimpleName(), e);
            }
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<Message> listener) {
        Subscription subscription = new Subscription(requireNonNull(listener, "listener"));
        subscriptions.add(subscription);
        return () -> subscriptions.remove(subscription);
    }

    /** Drops every subscription; later messages reach no one. */
    @Override
    public void close() {
        subscriptions.clear();
    }

    /** One registration; identity-based, so the same listener may be subscribed twice and removed once. */
    private static final class Subscription {
        private final Consumer<Message> listener;

        private Subscription(Consumer<Message> listener) {
            this.listener = listener;
        }

        private Consumer<Message> listener() {
            return listener;
        }
    }
}
