package dev.handoffrail.http;

import dev.handoffrail.core.port.out.EventBus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Test stand-in for the event bus port: delivers synchronously on the publishing thread. */
public final class FakeEventBus implements EventBus {
    private final List<Consumer<Message>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Message message) {
        listeners.forEach(listener -> listener.accept(message));
    }

    @Override
    public AutoCloseable subscribe(Consumer<Message> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public int listenerCount() {
        return listeners.size();
    }
}
