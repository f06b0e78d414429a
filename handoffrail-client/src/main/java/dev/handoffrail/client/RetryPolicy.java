package dev.handoffrail.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how long the client waits before trying a call again. A {@code 429} is retried for every call (the
 * server refused it before doing anything), waiting the server's {@code Retry-After} when it fits in
 * {@code maxRetryAfter} and giving up at once otherwise; transport failures and {@code 503} are retried only for
 * idempotent calls (reads, and creations, which always carry an {@code Idempotency-Key}), with exponential
 * backoff and jitter. {@code maxAttempts} counts the first attempt.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts counts the first attempt, so it is at least 1");
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    }

    /** 4 attempts, backoff from 200 ms up to 5 s, waits of up to 60 s when the server asks for them. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    /** One attempt, never a retry. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    public RetryPolicy withMaxAttempts(int value) {
        return new RetryPolicy(value, initialBackoff, maxBackoff, maxRetryAfter);
    }

    public RetryPolicy withMaxRetryAfter(Duration value) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, value);
    }

    /**
     * The backoff before attempt {@code failedAttempts + 1}: {@code initialBackoff × 2^(failedAttempts − 1)}, capped
     * at {@code maxBackoff}, of which the upper half is scaled by {@code random} (in [0, 1)) as jitter.
     */
    public Duration backoff(int failedAttempts, double random) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("backoff follows a failed attempt");
        }
        long base = initialBackoff.toMillis();
        long exponential = failedAttempts > 30 ? Long.MAX_VALUE : base << (failedAttempts - 1);
        if (exponential < base) {
            exponential = Long.MAX_VALUE;
        }
        long capped = Math.min(exponential, maxBackoff.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(capped - half + (long) (half * random));
    }
}
