package dev.handoffrail.persistence.redis;

import static dev.handoffrail.core.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.handoffrail.core.memory.InMemoryRateLimiter;
import dev.handoffrail.core.port.out.RateLimiter.Decision;
import dev.handoffrail.core.testing.TcpProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Redis (database 12, through a relay the test cuts) going away and coming back under the rate limiter. */
class RedisRateLimiterFallbackTest {
    private static final int DATABASE = 12;
    private static final Duration MINUTE = Duration.ofSeconds(60);

    private final AtomicInteger fallbacks = new AtomicInteger();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private RedisConnection direct;
    private TcpProxy proxy;
    private RedisConnection relayed;

    @BeforeEach
    void open() {
        direct = TestRedis.emptyDatabase(DATABASE);
        proxy = TcpProxy.to(TestRedis.PORT);
        relayed = TestRedis.through(proxy.port(), DATABASE);
        log.start();
        logger().addAppender(log);
    }

    @AfterEach
    void close() {
        logger().detachAppender(log);
        relayed.close();
        proxy.close();
        direct.close();
    }

    @Test
    void while_redis_is_down_each_instance_admits_its_share_of_the_limit_and_every_decision_is_counted() {
        RedisRateLimiter limiter = limiter(3, Duration.ofMinutes(10));
        proxy.cut();

        for (int i = 0; i < 20; i++) {
            limiter.hitSliding("key", 60, MINUTE, T0.plusMillis(i));
        }

        assertThat(limiter.hitSliding("key", 60, MINUTE, T0.plusSeconds(1))).isEqualTo(new Decision(false, 20, 0, 59));
        assertThat(limiter.hitFixed("tenant", 100, T0, T0.plusSeconds(3600), T0))
                .isEqualTo(new Decision(true, 33, 32, 3600));
        assertThat(fallbacks).hasValue(22);
        assertThat(warnings()).isEqualTo(1);
    }

    @Test
    void shared_counting_resumes_by_itself_once_redis_is_back() {
        RedisRateLimiter limiter = limiter(2, Duration.ZERO);
        assertThat(limiter.hitSliding("key", 10, MINUTE, T0)).isEqualTo(new Decision(true, 10, 9, 60));
        proxy.cut();
        assertThat(limiter.hitSliding("key", 10, MINUTE, T0.plusSeconds(1))).isEqualTo(new Decision(true, 5, 4, 60));
        assertThat(limiter.hitSliding("key", 10, MINUTE, T0.plusSeconds(2))).isEqualTo(new Decision(true, 5, 3, 59));

        proxy.restore();

        assertThat(limiter.hitSliding("key", 10, MINUTE, T0.plusSeconds(3))).isEqualTo(new Decision(true, 10, 8, 57));
        assertThat(fallbacks).hasValue(2);
        assertThat(warnings()).isEqualTo(1);
        assertThat(direct.client().zcard(RedisRateLimiter.KEY_PREFIX + "s:key")).isEqualTo(2);
    }

    @Test
    void each_outage_logs_one_warning() {
        RedisRateLimiter limiter = limiter(1, Duration.ZERO);
        Instant now = T0;
        for (int outage = 0; outage < 2; outage++) {
            proxy.cut();
            for (int i = 0; i < 5; i++) {
                now = now.plusSeconds(1);
                limiter.hitFixed("tenant", 100, T0, T0.plusSeconds(3600), now);
            }
            proxy.restore();
            limiter.hitFixed("tenant", 100, T0, T0.plusSeconds(3600), now);
        }

        assertThat(warnings()).isEqualTo(2);
        assertThat(fallbacks).hasValue(10);
    }

    @Test
    void during_the_retry_interval_redis_is_not_asked_again() {
        RedisRateLimiter limiter = limiter(1, Duration.ofMinutes(10));
        proxy.cut();
        limiter.hitSliding("key", 10, MINUTE, T0);
        proxy.restore();

        limiter.hitSliding("key", 10, MINUTE, T0.plusSeconds(1));

        assertThat(fallbacks).hasValue(2);
        assertThat(direct.client().exists(RedisRateLimiter.KEY_PREFIX + "s:key")).isFalse();
    }

    @Test
    void the_share_is_at_least_one_unless_the_limit_is_zero() {
        RedisRateLimiter limiter = limiter(4, Duration.ZERO);

        assertThat(limiter.instanceShare(60)).isEqualTo(15);
        assertThat(limiter.instanceShare(3)).isEqualTo(1);
        assertThat(limiter.instanceShare(0)).isZero();
    }

    private RedisRateLimiter limiter(int instances, Duration retryAfter) {
        return new RedisRateLimiter(relayed, new InMemoryRateLimiter(), instances, fallbacks::incrementAndGet,
                retryAfter);
    }

    private long warnings() {
        return log.list.stream().filter(e -> e.getFormattedMessage().equals("redis_rate_limit_fallback")).count();
    }

    private static Logger logger() {
        return (Logger) LoggerFactory.getLogger(RedisRateLimiter.class);
    }
}
