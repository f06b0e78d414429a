package dev.handoffrail.core.contract;

import static dev.handoffrail.core.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.port.out.RateLimiter;
import dev.handoffrail.core.port.out.RateLimiter.Decision;
import dev.handoffrail.core.testing.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link RateLimiter} contract. Times are explicit and whole milliseconds. A sliding-window hit at {@code t}
 * counts while {@code t > now - window}; reset seconds round up and are at least 1. Each test uses fresh keys,
 * so a shared backend (Redis) needs no cleaning.
 */
public abstract class RateLimiterContract {
    private static final Duration MINUTE = Duration.ofSeconds(60);
    private static final Instant HOUR = T0;
    private static final Instant NEXT_HOUR = T0.plus(Duration.ofHours(1));

    private RateLimiter limiter;
    private String key;

    /** A rate limiter of the adapter under test. */
    protected abstract RateLimiter newRateLimiter();

    @BeforeEach
    final void openLimiter() {
        limiter = newRateLimiter();
        key = "test:" + UUID.randomUUID();
    }

    @Test
    void a_sliding_window_admits_exactly_the_limit_with_exact_remaining_and_reset() {
        assertThat(sliding(3, T0)).isEqualTo(new Decision(true, 3, 2, 60));
        assertThat(sliding(3, T0.plusSeconds(10))).isEqualTo(new Decision(true, 3, 1, 50));
        assertThat(sliding(3, T0.plusSeconds(20))).isEqualTo(new Decision(true, 3, 0, 40));
        assertThat(sliding(3, T0.plusSeconds(30))).isEqualTo(new Decision(false, 3, 0, 30));
        assertThat(sliding(3, T0.plusMillis(58_500))).isEqualTo(new Decision(false, 3, 0, 2));
        assertThat(sliding(3, T0.plusMillis(59_999))).isEqualTo(new Decision(false, 3, 0, 1));
    }

    @Test
    void a_sliding_window_admits_again_once_the_oldest_hit_leaves_it() {
        sliding(3, T0);
        sliding(3, T0.plusSeconds(10));
        sliding(3, T0.plusSeconds(20));

        assertThat(sliding(3, T0.plusSeconds(60))).isEqualTo(new Decision(true, 3, 0, 10));
        assertThat(sliding(3, T0.plusSeconds(61))).isEqualTo(new Decision(false, 3, 0, 9));
        assertThat(sliding(3, T0.plusSeconds(70))).isEqualTo(new Decision(true, 3, 0, 10));
    }

    @Test
    void refused_hits_never_count_in_a_sliding_window() {
        sliding(2, T0);
        sliding(2, T0.plusSeconds(1));
        for (int i = 2; i < 10; i++) {
            assertThat(sliding(2, T0.plusSeconds(i)).allowed()).isFalse();
        }

        assertThat(sliding(2, T0.plusSeconds(60))).isEqualTo(new Decision(true, 2, 0, 1));
        assertThat(sliding(2, T0.plusSeconds(61))).isEqualTo(new Decision(true, 2, 0, 59));
    }

    @Test
    void an_empty_sliding_window_with_a_zero_limit_resets_after_the_whole_window() {
        assertThat(sliding(0, T0)).isEqualTo(new Decision(false, 0, 0, 60));
    }

    @Test
    void sliding_windows_of_different_keys_are_independent() {
        sliding(1, T0);

        assertThat(limiter.hitSliding(key + ":other", 1, MINUTE, T0)).isEqualTo(new Decision(true, 1, 0, 60));
        assertThat(sliding(1, T0)).isEqualTo(new Decision(false, 1, 0, 60));
    }

    @Test
    void a_fixed_window_admits_exactly_the_limit_until_it_ends() {
        assertThat(fixed(2, HOUR, NEXT_HOUR, T0.plusSeconds(600))).isEqualTo(new Decision(true, 2, 1, 3000));
        assertThat(fixed(2, HOUR, NEXT_HOUR, T0.plusSeconds(1200))).isEqualTo(new Decision(true, 2, 0, 2400));
        assertThat(fixed(2, HOUR, NEXT_HOUR, T0.plusSeconds(1800))).isEqualTo(new Decision(false, 2, 0, 1800));
        assertThat(fixed(2, HOUR, NEXT_HOUR, NEXT_HOUR.minusMillis(1500))).isEqualTo(new Decision(false, 2, 0, 2));
        assertThat(fixed(2, HOUR, NEXT_HOUR, NEXT_HOUR.minusMillis(1))).isEqualTo(new Decision(false, 2, 0, 1));
    }

    @Test
    void the_next_fixed_window_starts_from_zero() {
        fixed(2, HOUR, NEXT_HOUR, T0);
        fixed(2, HOUR, NEXT_HOUR, T0.plusSeconds(1));
        fixed(2, HOUR, NEXT_HOUR, T0.plusSeconds(2));

        Instant afterNext = NEXT_HOUR.plus(Duration.ofHours(1));
        assertThat(fixed(2, NEXT_HOUR, afterNext, NEXT_HOUR)).isEqualTo(new Decision(true, 2, 1, 3600));
    }

    @Test
    void sixteen_threads_hitting_ten_times_are_admitted_exactly_the_limit() throws Exception {
        List<Integer> slidingAdmitted = Race.run(16, () -> admitted(i -> sliding(50, T0.plusMillis(i))));
        List<Integer> fixedAdmitted = Race.run(16, () -> admitted(i -> fixed(50, HOUR, NEXT_HOUR, T0.plusMillis(i))));

        assertThat(slidingAdmitted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(50);
        assertThat(fixedAdmitted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(50);
    }

    private static int admitted(IntFunction<Decision> hit) {
        int admitted = 0;
        for (int i = 0; i < 10; i++) {
            if (hit.apply(i).allowed()) {
                admitted++;
            }
        }
        return admitted;
    }

    private Decision sliding(long limit, Instant now) {
        return limiter.hitSliding(key, limit, MINUTE, now);
    }

    private Decision fixed(long limit, Instant start, Instant end, Instant now) {
        return limiter.hitFixed(key, limit, start, end, now);
    }
}
