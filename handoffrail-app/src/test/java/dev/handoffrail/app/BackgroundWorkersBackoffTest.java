package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.handoffrail.core.HandoffRail;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackgroundWorkersBackoffTest {
    @Test
    void a_failing_loop_waits_doubling_delays_capped_at_eight_seconds() {
        Duration second = Duration.ofSeconds(1);

        assertThat(BackgroundWorkers.backoff(second, 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(BackgroundWorkers.backoff(second, 2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(BackgroundWorkers.backoff(second, 3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(BackgroundWorkers.backoff(second, 4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(BackgroundWorkers.backoff(second, 50)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void a_loop_slower_than_the_cap_keeps_its_own_interval() {
        assertThat(BackgroundWorkers.backoff(Duration.ofHours(1), 5)).isEqualTo(Duration.ofHours(1));
        assertThat(BackgroundWorkers.backoff(Duration.ofSeconds(5), 2)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void closing_drops_the_passes_scheduled_for_later_instead_of_waiting_for_them() {
        try (HandoffRail rail = HandoffRail.inMemory()) {
            BackgroundWorkers workers = BackgroundWorkers.start(rail, Duration.ofHours(1));

            // the sweep and the purge are due in an hour: a close that waited for them would use all 60 s
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> workers.close(Duration.ofSeconds(60)));
        }
    }
}
