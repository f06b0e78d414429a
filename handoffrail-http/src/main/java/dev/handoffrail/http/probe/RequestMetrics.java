package dev.handoffrail.http.probe;

import dev.handoffrail.http.route.Routes;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The request metrics of http-api.md §20: {@code handoffrail_requests_total{method,endpoint,status_code}} and
 * {@code handoffrail_request_latency_seconds{method,endpoint}}, labelled with the route template (or
 * {@code unmatched}), never a raw path. {@code /metrics} itself is not counted. Thread-safe.
 */
public final class RequestMetrics {
    static final String METRICS_PATH = "/metrics";
    private static final String STARTED = "handoffrail.started_nanos";
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void start(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
    }

    public void record(Context ctx) {
        String template = Routes.templateOf(ctx);
        if (METRICS_PATH.equals(template)) {
            return;
        }
        String endpoint = template == null ? "unmatched" : template;
        String method = ctx.method().name();
        Counter.builder("handoffrail.requests")
                .description("HTTP requests by method, route template and status")
                .tag("method", method)
                .tag("endpoint", endpoint)
                .tag("status_code", Integer.toString(ctx.statusCode()))
                .register(registry)
                .increment();
        Long started = ctx.attribute(STARTED);
        if (started != null) {
            Timer.builder("handoffrail.request.latency")
                    .description("HTTP request latency by method and route template")
                    .tag("method", method)
                    .tag("endpoint", endpoint)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }
}
