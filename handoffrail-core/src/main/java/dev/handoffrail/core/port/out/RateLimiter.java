package dev.handoffrail.core.port.out;

import java.time.Duration;
import java.time.Instant;

/**
 * Request counters behind the rate-limit rules: in memory for one instance, Redis across instances. Thread-safe
 * and atomic: a hit is recorded only when it is admitted, so refused requests never count.
 */
public interface RateLimiter {
    /** Sliding window of {@code window} ending at {@code now}: admits and records the hit if fewer than limit. */
    Decision hitSliding(String key, long limit, Duration window, Instant now);

    /** Fixed window {@code [windowStart, windowEnd)}: admits and records the hit if fewer than limit. */
    Decision hitFixed(String key, long limit, Instant windowStart, Instant windowEnd, Instant now);

    /**
     * The outcome: whether admitted, hits left in the window after this one, and whole seconds (≥ 1) until the
     * window admits one more request.
     */
    record Decision(boolean allowed, long limit, long remaining, long resetSeconds) {
    }
}
