package dev.handoffrail.http.probe;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.http.HttpProbes;
import dev.handoffrail.http.route.Responses;
import dev.handoffrail.http.route.Route;
import dev.handoffrail.http.route.Routes;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /health}, {@code GET /ready} and {@code GET /metrics} (http-api.md §16): no key, no rate limit. */
public final class ProbeRoutes {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String SERVICE = "handoffrail";
    private static final Logger LOG = LoggerFactory.getLogger(ProbeRoutes.class);

    private final HttpProbes probes;
    private final PrometheusMeterRegistry metrics;
    private final String metricsToken;

    /** {@code metricsToken} null leaves {@code /metrics} open. */
    public ProbeRoutes(HttpProbes probes, PrometheusMeterRegistry metrics, String metricsToken) {
        this.probes = probes;
        this.metrics = metrics;
        this.metricsToken = metricsToken;
    }

    public void register(Routes routes) {
        routes.add(Route.openGet("/health"), this::health);
        routes.add(Route.openGet("/ready"), this::ready);
        routes.add(Route.openGet(RequestMetrics.METRICS_PATH), this::metrics);
    }

    private void health(Context ctx) {
        Responses.ok(ctx, new Health("ok", SERVICE));
    }

    private void ready(Context ctx) {
        boolean db = ask("database", probes::databaseReady, false);
        Boolean redis = ask("redis", probes::redisReady, Boolean.FALSE);
        boolean ready = db && (redis == null || redis) && !probes.draining();
        Responses.json(ctx, ready ? 200 : 503, new Readiness(ready ? "ready" : "not_ready", SERVICE, db, redis));
    }

    private void metrics(Context ctx) {
        if (metricsToken != null && !bearerMatches(ctx.header("Authorization"))) {
            throw new HandoffRailException(ErrorCode.UNAUTHORIZED, "Missing or invalid metrics token");
        }
        ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape());
    }

    private boolean bearerMatches(String authorization) {
        String prefix = "Bearer ";
        if (authorization == null || !authorization.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return false;
        }
        byte[] presented = authorization.substring(prefix.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, metricsToken.getBytes(StandardCharsets.UTF_8));
    }

    /** The probe's answer; a probe that throws is logged and answers {@code whenFailed}. */
    private static <T> T ask(String what, Supplier<T> probe, T whenFailed) {
        try {
            return probe.get();
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("event", "readiness_probe_failed").addKeyValue("probe", what)
                    .setCause(e).log("Readiness probe failed");
            return whenFailed;
        }
    }

    /** {@code GET /health}: the process answers. */
    record Health(String status, String service) {
    }

    /** {@code GET /ready}: {@code redis} is null when no Redis is configured. */
    record Readiness(String status, String service, boolean db, Boolean redis) {
    }
}
