package dev.handoffrail.http;

import dev.handoffrail.core.port.out.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Test stand-in for the rate limiter port until the core's in-memory adapter is available. */
public final class FakeRateLimiter implements RateLimiter {
    private final Map<String, Deque<Instant>> sliding = new HashMap<>();
    private final Map<String, Long> fixed = new HashMap<>();

    @Override
    public synchronized Decision hitSliding(String key, long limit, Duration window, Instant now) {
        Deque<Instant> hits = sliding.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!hits.isEmpty() && !hits.peekFirst().isAfter(now.minus(window))) {
            hits.removeFirst();
        }
        boolean allowed = hits.size() < limit;
        if (allowed) {
            hits.addLast(now);
        }
        long reset = hits.isEmpty() ? window.toSeconds()
                : Math.max(1, Duration.between(now, hits.peekFirst().plus(window)).toSeconds());
        return new Decision(allowed, limit, Math.max(0, limit - hits.size()), reset);
    }

    @Override
    public synchronized Decision hitFixed(String key, long limit, Instant windowStart, Instant windowEnd,
                                          Instant now) {
        String slot = key + "@" + windowStart;
        long count = fixed.getOrDefault(slot, 0L);
        boolean allowed = count < limit;
        if (allowed) {
            count++;
            fixed.put(slot, count);
        }
        long reset = Math.max(1, Duration.between(now, windowEnd).toSeconds());
        return new Decision(allowed, limit, Math.max(0, limit - count), reset);
    }
}
