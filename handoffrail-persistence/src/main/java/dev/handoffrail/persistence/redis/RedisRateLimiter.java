package dev.handoffrail.persistence.redis;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.port.out.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Request counters shared by every instance through Redis. Each decision is one Lua script, so it is atomic
 * across instances: a sliding window is a sorted set of the admitted hits' times in milliseconds (a hit at
 * {@code t} counts while {@code t > now - window}), a fixed window one counter per key and window start. Every
 * key expires once its window can no longer matter. Times come from the caller (the rail's clock), as the port
 * says.
 *
 * <p>When Redis fails, the decision is made by {@code fallback} (per-instance counters) with the limit divided by
 * the expected number of instances (at least 1, unless the limit is 0), so the deployment as a whole stays near
 * the limit. The first failure logs one warning ({@code redis_rate_limit_fallback}); for {@code retryAfter}
 * after a failure, decisions go straight to the fallback without waiting on Redis, then the next decision tries
 * Redis again and, once it answers, shared counting resumes ({@code redis_rate_limit_recovered}). Every decision
 * made by the fallback calls {@code fallbackDecision} (a metric). Thread-safe.
 */
public final class RedisRateLimiter implements RateLimiter {
    /** Prefix of every key this adapter writes. */
    public static final String KEY_PREFIX = "handoffrail:rate:";
    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);

    /**
     * KEYS[1]: the sorted set; ARGV: now (ms), window (ms), limit, a unique member. Returns {admitted (0/1), hits in
     * the window after this one, milliseconds until the window admits one more}.
     */
    static final Script SLIDING = new Script("""
            local key = KEYS[1]
            local now = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local limit = tonumber(ARGV[3])
            redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
            local count = redis.call('ZCARD', key)
            local admitted = 0
            if count < limit then
              redis.call('ZADD', key, now, ARGV[4])
              count = count + 1
              admitted = 1
            end
            local reset = window
            local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
            if oldest[2] then
              reset = tonumber(oldest[2]) + window - now
              redis.call('PEXPIRE', key, window)
            end
            return {admitted, count, reset}
            """);

    /**
     * KEYS[1]: the counter of one window; ARGV: limit, milliseconds to keep it. Returns {admitted (0/1), hits in
     * the window after this one}.
     */
    static final Script FIXED = new Script("""
            local key = KEYS[1]
            local limit = tonumber(ARGV[1])
            local count = tonumber(redis.call('GET', key) or '0')
            local admitted = 0
            if count < limit then
              count = redis.call('INCR', key)
              admitted = 1
              redis.call('PEXPIRE', key, ARGV[2])
            end
            return {admitted, count}
            """);

    private final RedisConnection redis;
    private final RateLimiter fallback;
    private final long expectedInstances;
    private final Runnable fallbackDecision;
    private final long retryAfterNanos;
    private final String memberPrefix = UUID.randomUUID() + ":";
    private final AtomicLong members = new AtomicLong();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile long retryAtNanos;

    public RedisRateLimiter(RedisConnection redis, RateLimiter fallback, int expectedInstances,
                            Runnable fallbackDecision, Duration retryAfter) {
        this.redis = requireNonNull(redis, "redis");
        this.fallback = requireNonNull(fallback, "fallback");
        if (expectedInstances < 1) {
            throw new IllegalArgumentException("expectedInstances must be at least 1");
        }
        this.expectedInstances = expectedInstances;
        this.fallbackDecision = requireNonNull(fallbackDecision, "fallbackDecision");
        this.retryAfterNanos = requireNonNull(retryAfter, "retryAfter").toNanos();
    }

    @Override
    public Decision hitSliding(String key, long limit, Duration window, Instant now) {
        if (skipRedis()) {
            return fallbackSliding(key, limit, window, now);
        }
        try {
            List<Long> reply = SLIDING.run(redis, KEY_PREFIX + "s:" + key, Long.toString(now.toEpochMilli()),
                    Long.toString(window.toMillis()), Long.toString(limit),
                    memberPrefix + members.incrementAndGet());
            recovered();
            long count = reply.get(1);
            return new Decision(reply.get(0) == 1, limit, Math.max(0, limit - count), seconds(reply.get(2)));
        } catch (RuntimeException e) {
            failed(e);
            return fallbackSliding(key, limit, window, now);
        }
    }

    @Override
    public Decision hitFixed(String key, long limit, Instant windowStart, Instant windowEnd, Instant now) {
        long untilEnd = Math.max(1, windowEnd.toEpochMilli() - now.toEpochMilli());
        if (skipRedis()) {
            return fallbackFixed(key, limit, windowStart, windowEnd, now);
        }
        try {
            List<Long> reply = FIXED.run(redis, KEY_PREFIX + "f:" + key + ":" + windowStart.toEpochMilli(),
                    Long.toString(limit), Long.toString(untilEnd + 1_000));
            recovered();
            long count = reply.get(1);
            return new Decision(reply.get(0) == 1, limit, Math.max(0, limit - count), seconds(untilEnd));
        } catch (RuntimeException e) {
            failed(e);
            return fallbackFixed(key, limit, windowStart, windowEnd, now);
        }
    }

    /** The per-instance share of {@code limit} used while Redis is unreachable. */
    long instanceShare(long limit) {
        if (limit <= 0) {
            return limit;
        }
        return Math.max(1, limit / expectedInstances);
    }

    private Decision fallbackSliding(String key, long limit, Duration window, Instant now) {
        fallbackDecision.run();
        return fallback.hitSliding(key, instanceShare(limit), window, now);
    }

    private Decision fallbackFixed(String key, long limit, Instant windowStart, Instant windowEnd, Instant now) {
        fallbackDecision.run();
        return fallback.hitFixed(key, instanceShare(limit), windowStart, windowEnd, now);
    }

    /** True while Redis failed recently: until the retry time, and for everyone but the one caller retrying. */
    private boolean skipRedis() {
        if (!failing.get()) {
            return false;
        }
        if (System.nanoTime() - retryAtNanos < 0) {
            return true;
        }
        return !probing.compareAndSet(false, true);
    }

    private void failed(RuntimeException e) {
        retryAtNanos = System.nanoTime() + retryAfterNanos;
        probing.set(false);
        if (failing.compareAndSet(false, true)) {
            LOG.atWarn().setMessage("redis_rate_limit_fallback")
                    .addKeyValue("redis", redis.redacted())
                    .addKeyValue("error", e.getClass().getSimpleName())
                    .addKeyValue("expected_instances", expectedInstances)
                    .log();
        }
    }

    private void recovered() {
        if (failing.get()) {
            probing.set(false);
            if (failing.compareAndSet(true, false)) {
                LOG.atInfo().setMessage("redis_rate_limit_recovered").log();
            }
        }
    }

    /** Whole seconds, rounded up, and at least 1. */
    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    /** A Lua script run by its SHA-1 digest, loaded again when Redis does not know it (after a restart). */
    static final class Script {
        private final String source;
        private final String sha;

        Script(String source) {
            this.source = source;
            this.sha = sha1(source);
        }

        List<Long> run(RedisConnection redis, String key, String... args) {
            Object reply;
            try {
                reply = redis.client().evalsha(sha, List.of(key), List.of(args));
            } catch (JedisNoScriptException e) {
                reply = redis.client().eval(source, List.of(key), List.of(args));
            }
            if (!(reply instanceof List<?> values)) {
                throw new IllegalStateException("unexpected script reply");
            }
            return values.stream().map(value -> (Long) value).toList();
        }

        private static String sha1(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                        .digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is part of every JDK", e);
            }
        }
    }
}
