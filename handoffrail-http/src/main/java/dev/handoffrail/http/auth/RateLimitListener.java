package dev.handoffrail.http.auth;

/** Told about every request refused by a rate window, for the {@code handoffrail_rate_limited_total} metric. */
@FunctionalInterface
public interface RateLimitListener {
    RateLimitListener NONE = (window, tier) -> {
    };

    /** {@code window}: {@code minute}, {@code hour} or {@code auth_failures}; {@code tier}: {@code none} keyless. */
    void refused(String window, String tier);
}
