package dev.handoffrail.http.auth;

/** Told about every request refused by a rate window, for the {@code handoffrail_rate_limited_total} metric. */
@FunctionalInterface
public interface RateLimitListener {
    RateLimitListener NONE = (window, tier) -> {
    };

    /**
     * {@code window}: {@code minute}, {@code hour}, {@code auth_failures} or {@code daily_handoffs};
     * {@code tier}: {@code none} for keyless requests.
     */
    void refused(String window, String tier);
}
