package dev.handoffrail.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryScheduleTest {

    @Test
    void the_default_schedule_is_the_contract_schedule_of_seven_attempts() {
        RetrySchedule schedule = RetrySchedule.defaults();

        assertThat(schedule.delays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(6));
        assertThat(schedule.maxAttempts()).isEqualTo(7);
        assertThat(schedule.toString()).isEqualTo("1s,5s,30s,5m,1h,6h");
    }

    @Test
    void the_documented_default_value_parses_to_the_default_schedule() {
        assertThat(RetrySchedule.parse("1s,5s,30s,5m,1h,6h")).isEqualTo(RetrySchedule.defaults());
    }

    @ParameterizedTest
    @CsvSource({"1, PT1S", "2, PT5S", "3, PT30S", "4, PT5M", "5, PT1H", "6, PT6H"})
    void each_failure_waits_the_next_delay(int attemptsMade, Duration expected) {
        assertThat(RetrySchedule.defaults().delayAfterAttempt(attemptsMade)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 8, 100})
    void after_the_last_attempt_the_delivery_is_dead_lettered(int attemptsMade) {
        assertThat(RetrySchedule.defaults().delayAfterAttempt(attemptsMade)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void a_delay_is_only_asked_for_after_a_failed_attempt(int attemptsMade) {
        assertThatThrownBy(() -> RetrySchedule.defaults().delayAfterAttempt(attemptsMade))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void every_unit_is_understood_and_blanks_around_items_are_ignored() {
        RetrySchedule schedule = RetrySchedule.parse(" 250ms, 2s ,3m,4h , 1d,0s");

        assertThat(schedule.delays()).containsExactly(Duration.ofMillis(250), Duration.ofSeconds(2),
                Duration.ofMinutes(3), Duration.ofHours(4), Duration.ofDays(1), Duration.ZERO);
        assertThat(schedule.maxAttempts()).isEqualTo(7);
        assertThat(schedule.toString()).isEqualTo("250ms,2s,3m,4h,1d,0s");
    }

    @Test
    void a_single_delay_allows_two_attempts() {
        RetrySchedule schedule = RetrySchedule.parse("1s");

        assertThat(schedule.maxAttempts()).isEqualTo(2);
        assertThat(schedule.delayAfterAttempt(1)).isEqualTo(Optional.of(Duration.ofSeconds(1)));
        assertThat(schedule.delayAfterAttempt(2)).isEmpty();
    }

    @Test
    void a_schedule_without_delays_makes_a_single_attempt() {
        RetrySchedule schedule = RetrySchedule.of(List.of());

        assertThat(schedule.maxAttempts()).isEqualTo(1);
        assertThat(schedule.delayAfterAttempt(1)).isEmpty();
    }

    @Test
    void a_negative_delay_is_refused() {
        assertThatThrownBy(() -> RetrySchedule.of(List.of(Duration.ofSeconds(-1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1s,5x|invalid delay '5x'",
        "1s,,5s|invalid delay ''",
        "1s,|invalid delay ''",
        "5|invalid delay '5'",
        "1.5s|invalid delay '1.5s'",
        "-1s|invalid delay '-1s'",
        "5S|invalid delay '5S'",
        "5 s|invalid delay '5 s'",
        "1w|invalid delay '1w'",
        "9999999999s|invalid delay '9999999999s'"})
    void malformed_schedules_are_refused_naming_the_variable_and_the_item(String value, String problem) {
        assertThatThrownBy(() -> RetrySchedule.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HR_WEBHOOK_RETRY_SCHEDULE: " + problem
                        + " (expected a whole number and a unit ms, s, m, h or d, e.g. 30s)");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void an_empty_schedule_is_refused(String value) {
        assertThatThrownBy(() -> RetrySchedule.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HR_WEBHOOK_RETRY_SCHEDULE: empty; expected delays such as 1s,5s,30s,5m,1h,6h");
    }

    @ParameterizedTest
    @CsvSource({
            "1, 7, 7",        // longer than the scheduled 1 s: honoured
            "2, 3, 5",        // shorter than the scheduled 5 s: the schedule wins
            "1, 90000, 21600", // longer than the last step (6 h): capped by it
            "3, 30, 30"})     // equal: the schedule
    void a_receivers_retry_after_replaces_a_shorter_scheduled_delay_capped_by_the_last_step(int attempts, long asked,
                                                                                            long expected) {
        assertThat(RetrySchedule.defaults().delayAfterAttempt(attempts, Optional.of(Duration.ofSeconds(asked))))
                .contains(Duration.ofSeconds(expected));
    }

    @Test
    void a_retry_after_never_adds_an_attempt_after_the_last() {
        assertThat(RetrySchedule.defaults().delayAfterAttempt(7, Optional.of(Duration.ofSeconds(7)))).isEmpty();
    }

    @Test
    void without_a_retry_after_the_schedule_applies() {
        assertThat(RetrySchedule.defaults().delayAfterAttempt(4, Optional.empty()))
                .contains(Duration.ofMinutes(5));
    }
}
