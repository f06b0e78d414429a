package dev.handoffrail.http.probe;

import dev.handoffrail.http.route.Routes;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The request metrics of http-api.md §20: {@code handoffrail_requests_total{method,endpoint,status_code}} and
 * {@code handoffrail_request_latency_seconds{method,endpoint}}, labelled with the route template (or
 * {@code unmatched}), never a raw path; unusual methods are {@code OTHER}. {@code /metrics} itself is not counted.
 * Also {@code handoffrail_rate_limited_total} for the windows this adapter enforces. Thread-safe.
 */
public final class RequestMetrics {
    static final String METRICS_PATH = "/metrics";
    private static final String STARTED = "handoffrail.started_nanos";
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
    };

    private static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final MeterRegistry registry;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code handoffrail_rate_limited_total{window,tier}}: one refusal by a request or auth-failure window. */
    public void rateLimited(String window, String tier) {
        Counter.builder("handoffrail.rate.limited")
                .description("Requests refused by a rate window")
                .tag("window", window)
                .tag("tier", tier)
                .register(registry)
                .increment();
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
        String method = KNOWN_METHODS.contains(ctx.method().name()) ? ctx.method().name() : "OTHER";
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
