package dev.handoffrail.persistence.redis;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.port.out.ConnectionCounter;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Duration;
import java.util.List;

/**
 * Real-time connections per tenant counted in Redis, shared by every instance (http-api.md §5.4). A tenant's
 * connections are one sorted set, {@code handoffrail:connections:<tenant>}, scored by when each expires; each
 * call is one Lua script, so counting and adding are atomic across instances. A connection that is neither
 * refreshed nor closed within {@code ttl} (its instance crashed) drops out of the count, and so does the set.
 * Times are the Redis server's, so instances' clocks do not matter. Thread-safe.
 */
public final class RedisConnectionCounter implements ConnectionCounter {
    /** Three missed heartbeats (every 30 s) before a connection is forgotten. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(90);
    static final String KEY_PREFIX = "handoffrail:connections:";

    private static final String NOW = "local t = redis.call('TIME') "
            + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) "
            + "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now) ";
    private static final String TRY_OPEN = NOW
            + "local ttl = tonumber(ARGV[3]) "
            + "if not redis.call('ZSCORE', KEYS[1], ARGV[1]) "
            + "and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end "
            + "redis.call('ZADD', KEYS[1], now + ttl, ARGV[1]) "
            + "redis.call('PEXPIRE', KEYS[1], ttl) "
            + "return 1";
    private static final String REFRESH = NOW
            + "local ttl = tonumber(ARGV[2]) "
            + "if redis.call('ZADD', KEYS[1], 'XX', 'CH', now + ttl, ARGV[1]) == 1 then "
            + "redis.call('PEXPIRE', KEYS[1], ttl) end "
            + "return 1";
    private static final String COUNT = NOW + "return redis.call('ZCARD', KEYS[1])";

    private final RedisConnection redis;
    private final long ttlMillis;

    public RedisConnectionCounter(RedisConnection redis) {
        this(redis, DEFAULT_TTL);
    }

    /** A counter forgetting connections not refreshed within {@code ttl} (at least one second). */
    public RedisConnectionCounter(RedisConnection redis, Duration ttl) {
        this.redis = requireNonNull(redis, "redis");
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("ttl must be at least one second");
        }
        this.ttlMillis = ttl.toMillis();
    }

    @Override
    public boolean tryOpen(TenantId tenant, String connectionId, long limit) {
        Object answer = redis.client().eval(TRY_OPEN, List.of(key(tenant)),
                List.of(connectionId, Long.toString(limit), Long.toString(ttlMillis)));
        return ((Long) answer) == 1L;
    }

    @Override
    public void refresh(TenantId tenant, String connectionId) {
        redis.client().eval(REFRESH, List.of(key(tenant)), List.of(connectionId, Long.toString(ttlMillis)));
    }

    @Override
    public void close(TenantId tenant, String connectionId) {
        redis.client().zrem(key(tenant), connectionId);
    }

    @Override
    public long open(TenantId tenant) {
        return (Long) redis.client().eval(COUNT, List.of(key(tenant)), List.of());
    }

    private static String key(TenantId tenant) {
        return KEY_PREFIX + tenant.value();
    }
}
