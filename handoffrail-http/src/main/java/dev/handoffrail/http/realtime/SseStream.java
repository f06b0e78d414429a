package dev.handoffrail.http.realtime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * A {@code /events} stream (http-api.md §17.5) on a request Javalin keeps open asynchronously: no thread waits for
 * events. Messages are {@code event:} and one {@code data:} line and a blank line, written and flushed by the
 * shared writer threads, one message at a time. The end writes a final comment naming the reason, then completes
 * {@link #completion()}, which lets Javalin finish the response.
 */
final class SseStream extends RealtimeStream {
    private final OutputStream out;
    private final Executor writers;
    private final CompletableFuture<Void> completion = new CompletableFuture<>();

    SseStream(OutputStream out, Executor writers, int capacity, StreamEvents events) {
        super("sse", capacity, events);
        this.out = out;
        this.writers = writers;
    }

    /** Completes when the stream has ended and its last bytes are written. */
    CompletableFuture<Void> completion() {
        return completion;
    }

    @Override
    String formatEvent(String type, String json) {
        return "event: " + type + "\ndata: " + json + "\n\n";
    }

    @Override
    void write(String message, Runnable written, Consumer<Throwable> failed) {
        try {
            writers.execute(() -> {
                try {
                    out.write(message.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException | RuntimeException e) {
                    failed.accept(e);
                    return;
                }
                written.run();
            });
        } catch (RejectedExecutionException e) {
            failed.accept(e);
        }
    }

    @Override
    void finish(Ending why) {
        if (why.reason() == null) {
            completion.complete(null);
            return;
        }
        try {
            writers.execute(() -> {
                try {
                    out.write((": " + why.reason() + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException | RuntimeException e) {
                    // the client is gone already; nothing more to tell it
                }
                completion.complete(null);
            });
        } catch (RejectedExecutionException e) {
            completion.complete(null);
        }
    }
}
