package dev.handoffrail.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(2),
            Duration.ofSeconds(60));

    @Test
    void backoff_doubles_after_each_failure_with_the_upper_half_jittered() {
        assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(1, 0.999)).isEqualTo(Duration.ofMillis(199));
        assertThat(policy.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(3, 0.5)).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void backoff_is_capped_at_the_maximum_even_after_many_failures() {
        assertThat(policy.backoff(5, 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(64, 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(1000, 0.999)).isEqualTo(Duration.ofMillis(1999));
    }

    @Test
    void a_policy_needs_at_least_the_first_attempt() {
        assertThatThrownBy(() -> RetryPolicy.defaults().withMaxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    }

    @Test
    void backoff_follows_a_failure() {
        assertThatThrownBy(() -> policy.backoff(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
