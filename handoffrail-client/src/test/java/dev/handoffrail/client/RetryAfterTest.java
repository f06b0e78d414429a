package dev.handoffrail.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-05-30T19:35:00Z");

    @Test
    void whole_seconds_are_the_wait() {
        assertThat(RetryAfter.parse("17", NOW)).contains(Duration.ofSeconds(17));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void an_http_date_is_the_time_until_then() {
        assertThat(RetryAfter.parse("Sat, 30 May 2026 19:36:30 GMT", NOW)).contains(Duration.ofSeconds(90));
    }

    @Test
    void an_http_date_in_the_past_means_no_wait() {
        assertThat(RetryAfter.parse("Sat, 30 May 2026 19:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void missing_or_unreadable_values_are_no_hint() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999", NOW)).isEmpty();
    }
}
