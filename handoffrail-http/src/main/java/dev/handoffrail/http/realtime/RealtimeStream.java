package dev.handoffrail.http.realtime;

import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.port.in.RealtimeUseCase;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * One open {@code /ws} or {@code /events} stream: the core connection's events and the stream's own messages go
 * through a bounded outbox, written one at a time by the transport, so a publisher never waits for a client. A
 * client that lets more than {@code capacity} messages pile up is closed as too slow. Every end (client gone,
 * revoked key, deleted tenant, shutdown, too slow) runs {@link #finish} exactly once, after the write in flight.
 * Thread-safe.
 */
abstract class RealtimeStream implements RealtimeUseCase.Listener {
    /** Why a stream ends, with the WebSocket close code and the reason a client reads. */
    enum Ending {
        CLIENT_GONE(1000, null),
        SHUTDOWN(1001, RealtimeUseCase.Closure.SHUTDOWN.reason()),
        KEY_REVOKED(1008, RealtimeUseCase.Closure.KEY_REVOKED.reason()),
        TENANT_DELETED(1008, RealtimeUseCase.Closure.TENANT_DELETED.reason()),
        TOO_SLOW(1013, "Connection closed: too far behind, more than the buffered message limit; reconnect");

        private final int closeCode;
        private final String reason;

        Ending(int closeCode, String reason) {
            this.closeCode = closeCode;
            this.reason = reason;
        }

        int closeCode() {
            return closeCode;
        }

        /** What the client is told; null when the client is gone and hears nothing. */
        String reason() {
            return reason;
        }

        static Ending of(RealtimeUseCase.Closure closure) {
            return switch (closure) {
                case KEY_REVOKED -> KEY_REVOKED;
                case TENANT_DELETED -> TENANT_DELETED;
                case SHUTDOWN -> SHUTDOWN;
            };
        }
    }

    private final String transport;
    private final int capacity;
    private final StreamEvents events;
    private final Deque<String> outbox = new ArrayDeque<>();
    private boolean started;
    private boolean writing;
    private Ending ending;
    private boolean finished;
    private volatile RealtimeUseCase.Connection connection;
    private volatile Consumer<RealtimeStream> onEnd = stream -> {
    };

    RealtimeStream(String transport, int capacity, StreamEvents events) {
        this.transport = transport;
        this.capacity = capacity;
        this.events = events;
    }

    /** {@code ws} or {@code sse}. */
    final String transport() {
        return transport;
    }

    final RealtimeUseCase.Connection connection() {
        return connection;
    }

    /** Binds the core connection and what to do once the stream has ended (unregister it). */
    final void attach(RealtimeUseCase.Connection opened, Consumer<RealtimeStream> whenEnded) {
        this.connection = opened;
        this.onEnd = whenEnded;
    }

    @Override
    public final void event(DomainEvent event) {
        send(formatEvent(event.type().wireName(), events.json(event)));
    }

    @Override
    public final void closed(RealtimeUseCase.Closure closure) {
        end(Ending.of(closure));
    }

    /**
     * Sends {@code greeting} first, then everything queued meanwhile: until a stream starts, events only queue
     * (the transport is not ready, or the greeting has not been written).
     */
    final void start(String greeting) {
        synchronized (this) {
            if (ending != null || started) {
                return;
            }
            started = true;
            outbox.addFirst(greeting);
            if (writing) {
                return;
            }
            writing = true;
        }
        writeNext();
    }

    final synchronized boolean started() {
        return started;
    }

    /** Queues {@code message} (already framed); ends the stream as too slow when the outbox is full. */
    final void send(String message) {
        synchronized (this) {
            if (ending != null) {
                return;
            }
            if (outbox.size() < capacity) {
                outbox.add(message);
                if (writing || !started) {
                    return;
                }
                writing = true;
            } else {
                message = null;
            }
        }
        if (message == null) {
            events.tooSlow(transport);
            end(Ending.TOO_SLOW);
        } else {
            writeNext();
        }
    }

    /** Ends the stream once: drops what is queued, closes the core connection, then finishes after the write. */
    final void end(Ending why) {
        boolean finishNow;
        synchronized (this) {
            if (ending != null) {
                return;
            }
            ending = why;
            outbox.clear();
            finishNow = !writing;
            if (finishNow) {
                finished = true;
            }
        }
        RealtimeUseCase.Connection current = connection;
        if (current != null) {
            current.close();
        }
        onEnd.accept(this);
        if (finishNow) {
            finish(why);
        }
    }

    /** Whether the stream has begun to end. */
    final synchronized boolean ended() {
        return ending != null;
    }

    /** The frame of an event or stream message of {@code type} with {@code json} as its data. */
    abstract String formatEvent(String type, String json);

    /** Writes {@code message}; calls exactly one of {@code written} or {@code failed} when done. */
    abstract void write(String message, Runnable written, Consumer<Throwable> failed);

    /** Tells the client why the stream ends (unless it is gone) and closes the transport. Runs once. */
    abstract void finish(Ending why);

    private void writeNext() {
        String message;
        Ending finishWith = null;
        synchronized (this) {
            message = outbox.poll();
            if (message == null) {
                writing = false;
                if (ending != null && !finished) {
                    finished = true;
                    finishWith = ending;
                }
            }
        }
        if (finishWith != null) {
            finish(finishWith);
        } else if (message != null) {
            write(message, this::writeNext, failure -> {
                synchronized (this) {
                    outbox.clear();
                }
                end(Ending.CLIENT_GONE);
                writeNext();
            });
        }
    }
}
