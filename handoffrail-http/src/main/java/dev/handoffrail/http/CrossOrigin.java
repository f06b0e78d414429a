package dev.handoffrail.http;

import io.javalin.http.Context;
import java.util.List;

/**
 * CORS from {@code HR_CORS_ORIGINS} (http-api.md §1.5): allowed origins get {@code Access-Control-Allow-Origin} and
 * the exposed headers; a preflight from an allowed origin is answered here with 204.
 */
final class CrossOrigin {
    private static final String EXPOSED = String.join(", ", "X-Request-ID", "Retry-After", "X-RateLimit-Limit",
            "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Tier", "X-RateLimit-Hourly-Limit",
            "X-RateLimit-Hourly-Remaining", "X-RateLimit-Hourly-Reset", "Idempotent-Replayed", "Location");
    private static final String ALLOWED_METHODS = "GET, POST, PATCH, DELETE, OPTIONS";
    private static final String ALLOWED_HEADERS =
            "Content-Type, X-API-Key, X-Request-ID, Idempotency-Key, Authorization, X-HR-Lease-Token";

    private final List<String> origins;
    private final boolean anyOrigin;

    CrossOrigin(List<String> origins) {
        this.origins = List.copyOf(origins);
        this.anyOrigin = origins.contains("*");
    }

    /** Adds the CORS headers; returns whether the request was a preflight that has now been answered. */
    boolean apply(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || !(anyOrigin || origins.contains(origin))) {
            return false;
        }
        ctx.header("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
        if (!anyOrigin) {
            ctx.header("Vary", "Origin");
        }
        ctx.header("Access-Control-Expose-Headers", EXPOSED);
        if (!"OPTIONS".equals(ctx.method().name()) || ctx.header("Access-Control-Request-Method") == null) {
            return false;
        }
        String requested = ctx.header("Access-Control-Request-Headers");
        ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
        ctx.header("Access-Control-Allow-Headers", requested != null ? requested : ALLOWED_HEADERS);
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
        return true;
    }
}
