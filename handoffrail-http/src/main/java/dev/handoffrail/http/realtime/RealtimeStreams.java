package dev.handoffrail.http.realtime;

import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.http.system.RealtimeConnections;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The real-time streams open on this instance: the {@code handoffrail_realtime_connections{transport}} gauge, the
 * heartbeat (a {@code ping} message every {@link RealtimeSettings#heartbeat()} and a refresh of each connection in
 * the shared count), the threads that write SSE streams, and the end of every stream at shutdown. Thread-safe.
 */
public final class RealtimeStreams implements RealtimeConnections, AutoCloseable {
    private final Map<RealtimeStream, TenantId> open = new ConcurrentHashMap<>();
    private final RealtimeSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            threads("handoffrail-realtime-heartbeat-"));
    private final ExecutorService sseWriters = Executors.newCachedThreadPool(threads("handoffrail-sse-writer-"));

    public RealtimeStreams(RealtimeSettings settings, Clock clock, MeterRegistry registry) {
        this.settings = settings;
        this.clock = clock;
        for (String transport : Set.of("ws", "sse")) {
            Gauge.builder("handoffrail.realtime.connections", this, streams -> streams.count(transport))
                    .description("Open real-time connections on this instance")
                    .tag("transport", transport)
                    .register(registry);
        }
        long every = settings.heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public long open(TenantId tenant, String transport) {
        return open.entrySet().stream()
                .filter(entry -> entry.getValue().equals(tenant) && entry.getKey().transport().equals(transport))
                .count();
    }

    /** Open streams of {@code transport}. */
    long count(String transport) {
        return open.keySet().stream().filter(stream -> stream.transport().equals(transport)).count();
    }

    RealtimeSettings settings() {
        return settings;
    }

    ExecutorService sseWriters() {
        return sseWriters;
    }

    /** Counts {@code stream} as open until it ends; a stream that has not started within the grace period ends. */
    void opened(RealtimeStream stream, TenantId tenant, Duration startWithin) {
        open.put(stream, tenant);
        if (stream.ended()) {
            open.remove(stream);
            return;
        }
        timer.schedule(() -> {
            if (!stream.started()) {
                stream.end(RealtimeStream.Ending.CLIENT_GONE);
            }
        }, startWithin.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** What a stream calls once it ends. */
    Consumer<RealtimeStream> unregister() {
        return open::remove;
    }

    /** The {@code ping} message, as each transport frames it. */
    String ping(RealtimeStream stream) {
        String timestamp = Timestamps.format(clock.instant());
        return stream instanceof SseStream sse
                ? sse.formatEvent("ping", "{\"timestamp\":\"" + timestamp + "\"}")
                : "{\"type\":\"ping\",\"timestamp\":\"" + timestamp + "\"}";
    }

    /** Ends every stream with {@code SHUTDOWN} (WebSocket 1001, SSE final comment), then stops the threads. */
    @Override
    public void close() {
        open.keySet().forEach(stream -> stream.end(RealtimeStream.Ending.SHUTDOWN));
        timer.shutdownNow();
        sseWriters.shutdown();
        try {
            sseWriters.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void heartbeat() {
        for (RealtimeStream stream : open.keySet()) {
            if (stream.started()) {
                stream.send(ping(stream));
            }
            if (stream.connection() != null) {
                stream.connection().heartbeat();
            }
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
