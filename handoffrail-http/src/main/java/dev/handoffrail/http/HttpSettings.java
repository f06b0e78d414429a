package dev.handoffrail.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * The HTTP adapter's tunable values (configuration.md), immutable. {@code metricsToken} null means {@code /metrics}
 * is open; {@code authCacheTtl} bounds how long an authenticated key is reused without asking the core.
 *
 * @param corsOrigins allowed origins; {@code "*"} allows every origin
 * @param maxJsonDepth deepest JSON nesting accepted in a request body ({@code HR_MAX_JSON_DEPTH})
 * @param trustProxy take the client IP from the first {@code X-Forwarded-For} hop ({@code HR_TRUST_PROXY})
 * @param authFailuresPerMinute failed authentications per client IP before 429
 * @param defaultBodyLimit body limit of every request that is not a packet write (bytes)
 */
public record HttpSettings(List<String> corsOrigins, int maxJsonDepth, String metricsToken, boolean trustProxy,
                           long authFailuresPerMinute, long defaultBodyLimit, Duration authCacheTtl) {
    public static final int DEFAULT_MAX_JSON_DEPTH = 32;
    public static final long DEFAULT_BODY_LIMIT = 262_144;

    public HttpSettings {
        corsOrigins = List.copyOf(corsOrigins);
        requireNonNull(authCacheTtl, "authCacheTtl");
        if (maxJsonDepth < 1) {
            throw new IllegalArgumentException("maxJsonDepth must be >= 1");
        }
        if (authFailuresPerMinute < 1) {
            throw new IllegalArgumentException("authFailuresPerMinute must be >= 1");
        }
        if (defaultBodyLimit < 1) {
            throw new IllegalArgumentException("defaultBodyLimit must be >= 1");
        }
        if (metricsToken != null && metricsToken.isEmpty()) {
            metricsToken = null;
        }
    }

    /** The documented defaults: every origin, depth 32, open metrics, no proxy, 30 failures, 256 KiB, 5 s cache. */
    public static HttpSettings defaults() {
        return new HttpSettings(List.of("*"), DEFAULT_MAX_JSON_DEPTH, null, false, 30, DEFAULT_BODY_LIMIT,
                Duration.ofSeconds(5));
    }

    public HttpSettings withCorsOrigins(List<String> origins) {
        return new HttpSettings(origins, maxJsonDepth, metricsToken, trustProxy, authFailuresPerMinute,
                defaultBodyLimit, authCacheTtl);
    }

    public HttpSettings withMaxJsonDepth(int depth) {
        return new HttpSettings(corsOrigins, depth, metricsToken, trustProxy, authFailuresPerMinute,
                defaultBodyLimit, authCacheTtl);
    }

    public HttpSettings withMetricsToken(String token) {
        return new HttpSettings(corsOrigins, maxJsonDepth, token, trustProxy, authFailuresPerMinute,
                defaultBodyLimit, authCacheTtl);
    }

    public HttpSettings withTrustProxy(boolean trust) {
        return new HttpSettings(corsOrigins, maxJsonDepth, metricsToken, trust, authFailuresPerMinute,
                defaultBodyLimit, authCacheTtl);
    }

    public HttpSettings withAuthFailuresPerMinute(long limit) {
        return new HttpSettings(corsOrigins, maxJsonDepth, metricsToken, trustProxy, limit, defaultBodyLimit,
                authCacheTtl);
    }

    public HttpSettings withAuthCacheTtl(Duration ttl) {
        return new HttpSettings(corsOrigins, maxJsonDepth, metricsToken, trustProxy, authFailuresPerMinute,
                defaultBodyLimit, ttl);
    }
}
