package dev.handoffrail.persistence.redis;

import static dev.handoffrail.core.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.contract.RateLimiterContract;
import dev.handoffrail.core.memory.InMemoryRateLimiter;
import dev.handoffrail.core.port.out.RateLimiter;
import dev.handoffrail.core.port.out.RateLimiter.Decision;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The contract on Redis database 11 (emptied before each test), plus what only a shared store shows. */
class RedisRateLimiterTest extends RateLimiterContract {
    private static final int DATABASE = 11;
    private static RedisConnection redis;
    private final AtomicInteger fallbacks = new AtomicInteger();

    @AfterAll
    static void closeRedis() {
        if (redis != null) {
            redis.close();
            redis = null;
        }
    }

    @Override
    protected RateLimiter newRateLimiter() {
        if (redis == null) {
            redis = TestRedis.emptyDatabase(DATABASE);
        } else {
            redis.client().flushDB();
        }
        return limiter();
    }

    private RedisRateLimiter limiter() {
        return new RedisRateLimiter(redis, new InMemoryRateLimiter(), 1, fallbacks::incrementAndGet,
                Duration.ofSeconds(1));
    }

    @Test
    void two_instances_share_one_sliding_window_and_one_fixed_window() {
        RedisRateLimiter a = limiter();
        RedisRateLimiter b = limiter();

        assertThat(a.hitSliding("key", 2, Duration.ofSeconds(60), T0)).isEqualTo(new Decision(true, 2, 1, 60));
        assertThat(b.hitSliding("key", 2, Duration.ofSeconds(60), T0.plusSeconds(1)))
                .isEqualTo(new Decision(true, 2, 0, 59));
        assertThat(a.hitSliding("key", 2, Duration.ofSeconds(60), T0.plusSeconds(2)))
                .isEqualTo(new Decision(false, 2, 0, 58));
        Duration hour = Duration.ofHours(1);
        assertThat(a.hitFixed("tenant", 1, T0, T0.plus(hour), T0)).isEqualTo(new Decision(true, 1, 0, 3600));
        assertThat(b.hitFixed("tenant", 1, T0, T0.plus(hour), T0.plusSeconds(1)))
                .isEqualTo(new Decision(false, 1, 0, 3599));
        assertThat(fallbacks).hasValue(0);
    }

    @Test
    void every_key_written_expires_once_its_window_is_over() {
        RedisRateLimiter limiter = limiter();
        limiter.hitSliding("key", 5, Duration.ofSeconds(60), T0);
        limiter.hitFixed("tenant", 5, T0, T0.plusSeconds(3600), T0.plusSeconds(600));

        long slidingTtl = redis.client().pttl(RedisRateLimiter.KEY_PREFIX + "s:key");
        long fixedTtl = redis.client().pttl(RedisRateLimiter.KEY_PREFIX + "f:tenant:" + T0.toEpochMilli());

        assertThat(slidingTtl).isBetween(1L, 60_000L);
        assertThat(fixedTtl).isBetween(1L, 3_001_000L).isGreaterThan(3_000_000L - 60_000L);
    }

    @Test
    void a_script_redis_does_not_know_yet_is_sent_whole_and_answers() {
        RedisRateLimiter.Script unknown = new RedisRateLimiter.Script("return {1, 2} -- " + UUID.randomUUID());

        assertThat(unknown.run(redis, "any-key")).containsExactly(1L, 2L);
        assertThat(unknown.run(redis, "any-key")).containsExactly(1L, 2L);
    }
}
