package dev.handoffrail.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.client.model.AgentInfo;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The worker's lease options, checked before anything is sent (the server's own checks are tested end to end). */
class WorkerOptionsTest {
    private static final Worker WORKER = HandoffRailClient.builder().baseUrl("http://127.0.0.1:9").build()
            .worker(AgentInfo.of("billing-01", "BillingBot"));

    @Test
    void a_worker_takes_a_sixty_second_lease_by_default() {
        assertThat(WORKER.lease()).contains(Duration.ofSeconds(Worker.DEFAULT_LEASE_SECONDS));
        assertThat(Worker.DEFAULT_LEASE_SECONDS).isEqualTo(60);
    }

    @Test
    void a_lease_can_be_set_in_seconds_or_as_a_duration_or_turned_off() {
        assertThat(WORKER.withLeaseSeconds(5).lease()).contains(Duration.ofSeconds(5));
        assertThat(WORKER.withLease(Duration.ofDays(1)).lease()).contains(Duration.ofSeconds(86_400));
        assertThat(WORKER.withoutLease().lease()).isEmpty();
        assertThat(WORKER.withoutLease().withLeaseSeconds(30).lease()).contains(Duration.ofSeconds(30));
    }

    @Test
    void a_lease_outside_the_contracts_bounds_or_not_in_whole_seconds_is_refused() {
        assertThatThrownBy(() -> WORKER.withLeaseSeconds(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 5 and 86400");
        assertThatThrownBy(() -> WORKER.withLeaseSeconds(86_401)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WORKER.withLease(Duration.ofMillis(5_500)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WORKER.withLease(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_heartbeat_interval_must_be_positive() {
        assertThatThrownBy(() -> WORKER.withHeartbeatInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WORKER.withHeartbeatInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WORKER.onLeaseLost(null)).isInstanceOf(NullPointerException.class);
    }
}
