package dev.handoffrail.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoffrail.client.Transport.Call;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open event subscription ({@link EventsApi#subscribe}): its thread reads the stream, reconnects after drops
 * and calls the listener. {@link #close()} ends it; thread-safe.
 */
public final class EventSubscription implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final Duration JOIN = Duration.ofSeconds(5);

    private final Transport transport;
    private final EventFilter filter;
    private final EventListener listener;
    private final RetryPolicy backoff;
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile CountDownLatch connected = new CountDownLatch(1);
    private volatile InputStream current;
    private volatile boolean closed;
    private String lastEventId = "";
    private long serverRetryMillis;

    EventSubscription(Transport transport, EventFilter filter, EventListener listener, RetryPolicy backoff) {
        this.transport = transport;
        this.filter = filter;
        this.listener = listener;
        this.backoff = backoff;
        this.thread = new Thread(this::run, "handoffrail-events-" + THREADS.incrementAndGet());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    public EventFilter filter() {
        return filter;
    }

    /** True until the subscription has ended (closed, or stopped by an error). */
    public boolean isOpen() {
        return ended.getCount() > 0;
    }

    /**
     * Waits until the stream is connected (the server's {@code connected} event has arrived); false on timeout or
     * when the subscription ended first. After a drop it waits for the reconnection.
     */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isOpen()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (connected.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS)) {
                return isOpen();
            }
        }
        return false;
    }

    /** Stops the subscription and waits (up to 5 s, not from the listener's own thread) for its last callback. */
    @Override
    public void close() {
        closed = true;
        closing.countDown();
        closeQuietly(current);
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                ended.await(JOIN.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            int failures = 0;
            while (!closed) {
                String reason;
                Duration retryAfter = Duration.ZERO;
                try {
                    InputStream in = transport.openStream(call(), "text/event-stream", lastEventId);
                    current = in;
                    if (closed) {
                        closeQuietly(in);
                        break;
                    }
                    failures = 0;
                    reason = read(in);
                } catch (HandoffRailApiException e) {
                    int status = e.statusCode();
                    if (status >= 400 && status < 500 && status != 429) {
                        if (!closed) {
                            call(() -> listener.onError(e));
                        }
                        break;
                    }
                    reason = e.getMessage();
                    retryAfter = e.retryAfter().orElse(Duration.ZERO);
                    failures++;
                } catch (IOException e) {
                    reason = "connection lost: " + e;
                    failures++;
                } finally {
                    connected = new CountDownLatch(1);
                    closeQuietly(current);
                    current = null;
                }
                if (closed) {
                    break;
                }
                Duration delay = backoff.backoff(Math.max(1, failures), ThreadLocalRandom.current().nextDouble());
                if (failures == 0) {
                    delay = backoff.backoff(1, ThreadLocalRandom.current().nextDouble());
                }
                delay = max(delay, max(retryAfter, Duration.ofMillis(serverRetryMillis)));
                Duration wait = delay;
                String why = reason;
                call(() -> listener.onDisconnected(why, wait));
                if (closing.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            // closed while waiting to reconnect
        } finally {
            ended.countDown();
            call(listener::onClosed);
        }
    }

    private Call call() {
        Call call = Call.get("/events");
        filter.channels().forEach(channel -> call.param("subscribe", channel));
        return call;
    }

    /** Reads one connection to its end; the reason it ended (the server's final comment, if any). */
    private String read(InputStream in) throws IOException {
        String[] lastComment = {null};
        SseParser parser = new SseParser(new SseParser.Sink() {
            @Override
            public void event(String type, String data, String id) {
                lastEventId = id;
                dispatch(type, data);
            }

            @Override
            public void comment(String text) {
                if (!text.isBlank()) {
                    lastComment[0] = text;
                }
            }

            @Override
            public void retry(long millis) {
                serverRetryMillis = millis;
            }
        });
        try {
            parser.parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (closed) {
                return "closed";
            }
            throw e;
        }
        return lastComment[0] != null ? lastComment[0] : "the server ended the stream";
    }

    private void dispatch(String type, String data) {
        if ("ping".equals(type)) {
            return;
        }
        JsonNode json;
        try {
            json = transport.json().readTree(data);
        } catch (IOException e) {
            return;
        }
        if ("connected".equals(type)) {
            String id = json.path("connection_id").asText(null);
            connected.countDown();
            call(() -> listener.onConnected(id));
            return;
        }
        if (closed) {
            return;
        }
        PacketEvent event = new PacketEvent(json.path("type").asText(type), json.path("packet_id").asText(null),
                json.get("data"), instant(json.path("timestamp").asText(null)));
        call(() -> listener.onEvent(event));
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void call(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            // the listener's failure is its own business; the stream goes on (EventListener's contract)
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // closing a stream that is going away anyway
            }
        }
    }
}
