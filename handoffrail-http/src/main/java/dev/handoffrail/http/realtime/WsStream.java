package dev.handoffrail.http.realtime;

import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A {@code /ws} stream (http-api.md §17.4): every message is one text frame, sent with Jetty's asynchronous
 * {@code sendText}, the next one when the last is written. The end closes the session with the ending's code and
 * reason (1001 shutdown, 1008 revoked key or deleted tenant, 1013 too slow).
 */
final class WsStream extends RealtimeStream {
    private volatile Session session;

    WsStream(int capacity, StreamEvents events) {
        super("ws", capacity, events);
    }

    /** The upgraded session; call before {@link #start}. */
    void bind(Session upgraded) {
        this.session = upgraded;
    }

    @Override
    String formatEvent(String type, String json) {
        return json;
    }

    @Override
    void write(String message, Runnable written, Consumer<Throwable> failed) {
        try {
            session.sendText(message, Callback.from(written, failed));
        } catch (RuntimeException e) {
            failed.accept(e);
        }
    }

    @Override
    void finish(Ending why) {
        Session current = session;
        if (why.reason() != null && current != null && current.isOpen()) {
            current.close(why.closeCode(), why.reason(), Callback.NOOP);
        }
    }
}
