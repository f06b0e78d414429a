package dev.handoffrail.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @ParameterizedTest
    @CsvSource({"7, 7", "0, 0", "' 120 ', 120", "3600, 3600"})
    void delay_seconds_are_read_as_seconds(String header, long seconds) {
        assertThat(RetryAfter.parse(header, NOW)).contains(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @CsvSource({"'Sun, 06 Dec 2026 12:00:30 GMT', 30", "'Sun, 06 Dec 2026 13:00:00 GMT', 3600",
            "'Sun, 06 Dec 2026 11:00:00 GMT', 0"})
    void an_http_date_is_the_wait_until_then_and_a_past_date_is_no_wait(String header, long seconds) {
        assertThat(RetryAfter.parse(header, NOW)).contains(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  ", "-5", "1.5", "soon", "Sunday 12:00", "7s"})
    void an_absent_or_malformed_header_asks_for_nothing(String header) {
        assertThat(RetryAfter.parse(header, NOW)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999999999", "123456789012345678901234567890"})
    void an_absurdly_long_delay_is_read_as_very_long_without_overflowing(String header) {
        assertThat(RetryAfter.parse(header, NOW)).contains(Duration.ofSeconds(999_999_999L));
    }
}
