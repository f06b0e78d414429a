package dev.handoffrail.core.memory;

import dev.handoffrail.core.port.out.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request counters of one instance. Sliding windows keep the admitted hits' timestamps per key (a hit at
 * {@code t} counts while {@code t > now - window}); fixed windows keep a count per key for the current window.
 * Thread-safe: each key's window is updated under its own lock.
 */
public final class InMemoryRateLimiter implements RateLimiter {
    private final Map<String, Deque<Instant>> sliding = new ConcurrentHashMap<>();
    private final Map<String, FixedWindow> fixed = new ConcurrentHashMap<>();

    @Override
    public Decision hitSliding(String key, long limit, Duration window, Instant now) {
        Deque<Instant> hits = sliding.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (hits) {
            Instant cutoff = now.minus(window);
            while (!hits.isEmpty() && !hits.peekFirst().isAfter(cutoff)) {
                hits.removeFirst();
            }
            boolean allowed = hits.size() < limit;
            if (allowed) {
                hits.addLast(now);
            }
            long remaining = Math.max(0, limit - hits.size());
            long reset = hits.isEmpty() ? wholeSeconds(window) : wholeSeconds(
                    Duration.between(now, hits.peekFirst().plus(window)));
            return new Decision(allowed, limit, remaining, reset);
        }
    }

    @Override
    public Decision hitFixed(String key, long limit, Instant windowStart, Instant windowEnd, Instant now) {
        FixedWindow current = fixed.computeIfAbsent(key, k -> new FixedWindow());
        synchronized (current) {
            if (!windowStart.equals(current.start)) {
                current.start = windowStart;
                current.count = 0;
            }
            boolean allowed = current.count < limit;
            if (allowed) {
                current.count++;
            }
            long remaining = Math.max(0, limit - current.count);
            return new Decision(allowed, limit, remaining, wholeSeconds(Duration.between(now, windowEnd)));
        }
    }

    /** Whole seconds, rounded up, and at least 1. */
    private static long wholeSeconds(Duration duration) {
        long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** The count of one key's current fixed window; guarded by its own monitor. */
    private static final class FixedWindow {
        private Instant start;
        private long count;
    }
}
