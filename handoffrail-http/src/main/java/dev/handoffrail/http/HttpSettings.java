package dev.handoffrail.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * The HTTP adapter's tunable values (configuration.md), immutable. {@code metricsToken} null means {@code /metrics}
 * is open; {@code authCacheTtl} (0 to {@link #MAX_AUTH_CACHE_TTL}) bounds how long an authenticated key is
 * reused without asking the core.
 *
 * @param corsOrigins allowed origins; {@code "*"} allows every origin
 * @param maxJsonDepth deepest JSON nesting accepted in a request body ({@code HR_MAX_JSON_DEPTH})
 * @param trustProxy take the client IP from the first {@code X-Forwarded-For} hop ({@code HR_TRUST_PROXY})
 * @param defaultBodyLimit body limit of every request that is not a packet write (bytes)
 */
public record HttpSettings(List<String> corsOrigins, int maxJsonDepth, String metricsToken, boolean trustProxy,
                           long defaultBodyLimit, Duration authCacheTtl) {
    public static final int DEFAULT_MAX_JSON_DEPTH = 32;
    public static final long DEFAULT_BODY_LIMIT = 262_144;
    /** The longest an instance may keep using a key that another instance revoked, without the event bus. */
    public static final Duration MAX_AUTH_CACHE_TTL = Duration.ofSeconds(5);

    public HttpSettings {
        corsOrigins = List.copyOf(corsOrigins);
        requireNonNull(authCacheTtl, "authCacheTtl");
        if (authCacheTtl.isNegative() || authCacheTtl.compareTo(MAX_AUTH_CACHE_TTL) > 0) {
            throw new IllegalArgumentException("authCacheTtl must be between 0 and " + MAX_AUTH_CACHE_TTL);
        }
        if (maxJsonDepth < 1) {
            throw new IllegalArgumentException("maxJsonDepth must be >= 1");
        }
        if (defaultBodyLimit < 1) {
            throw new IllegalArgumentException("defaultBodyLimit must be >= 1");
        }
        if (metricsToken != null && metricsToken.isEmpty()) {
            metricsToken = null;
        }
    }

    /** The documented defaults: every origin, depth 32, open metrics, no proxy, 256 KiB, 5 s cache. */
    public static HttpSettings defaults() {
        return new HttpSettings(List.of("*"), DEFAULT_MAX_JSON_DEPTH, null, false, DEFAULT_BODY_LIMIT,
                Duration.ofSeconds(5));
    }

    public HttpSettings withCorsOrigins(List<String> origins) {
        return new HttpSettings(origins, maxJsonDepth, metricsToken, trustProxy, defaultBodyLimit,
                authCacheTtl);
    }

    public HttpSettings withMaxJsonDepth(int depth) {
        return new HttpSettings(corsOrigins, depth, metricsToken, trustProxy, defaultBodyLimit,
                authCacheTtl);
    }

    public HttpSettings withMetricsToken(String token) {
        return new HttpSettings(corsOrigins, maxJsonDepth, token, trustProxy, defaultBodyLimit,
                authCacheTtl);
    }

    public HttpSettings withTrustProxy(boolean trust) {
        return new HttpSettings(corsOrigins, maxJsonDepth, metricsToken, trust, defaultBodyLimit, authCacheTtl);
    }

    public HttpSettings withAuthCacheTtl(Duration ttl) {
        return new HttpSettings(corsOrigins, maxJsonDepth, metricsToken, trustProxy, defaultBodyLimit, ttl);
    }
}
