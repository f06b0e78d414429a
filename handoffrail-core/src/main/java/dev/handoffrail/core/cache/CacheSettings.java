package dev.handoffrail.core.cache;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long another instance's change to a tenant, its webhooks or its schemas may stay unseen here ({@code ttl},
 * at most {@link #MAX_TTL}; zero turns the caches off), and how many entries each cache keeps. Immutable.
 */
public record CacheSettings(Duration ttl, int maxEntries) {
    public static final Duration MAX_TTL = Duration.ofSeconds(5);

    public CacheSettings {
        requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("cache ttl must be between 0 and " + MAX_TTL.toSeconds()
                    + " s, got " + ttl);
        }
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("cache size must be positive, got " + maxEntries);
        }
    }

    /** 5 s and 10,000 entries per cache. */
    public static CacheSettings defaults() {
        return new CacheSettings(MAX_TTL, 10_000);
    }

    /** No caching: every read goes to the store. */
    public static CacheSettings off() {
        return new CacheSettings(Duration.ZERO, 1);
    }

    public boolean enabled() {
        return !ttl.isZero();
    }
}
