package dev.handoffrail.core.contract;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.port.out.DailyHandoffCounter;
import dev.handoffrail.core.testing.Race;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link DailyHandoffCounter} contract: reservations never exceed the limit, even when racing. */
public abstract class DailyHandoffCounterContract extends StoreContract {
    private static final LocalDate DAY = LocalDate.of(2026, 5, 30);

    private DailyHandoffCounter counter;

    @BeforeEach
    final void givenTenants() {
        givenTwoTenants();
        counter = stores.dailyHandoffs();
    }

    @Test
    void reservations_count_up_to_the_limit_and_then_are_refused() {
        assertThat(counter.tryReserve(ACME, DAY, 3)).isTrue();
        assertThat(counter.tryReserve(ACME, DAY, 3)).isTrue();
        assertThat(counter.tryReserve(ACME, DAY, 3)).isTrue();
        assertThat(counter.tryReserve(ACME, DAY, 3)).isFalse();

        assertThat(counter.used(ACME, DAY)).isEqualTo(3);
    }

    @Test
    void a_refused_reservation_does_not_count() {
        counter.tryReserve(ACME, DAY, 1);
        counter.tryReserve(ACME, DAY, 1);
        counter.tryReserve(ACME, DAY, 1);

        assertThat(counter.used(ACME, DAY)).isEqualTo(1);
        assertThat(counter.tryReserve(ACME, DAY, 2)).isTrue();
        assertThat(counter.used(ACME, DAY)).isEqualTo(2);
    }

    @Test
    void a_zero_limit_admits_nothing() {
        assertThat(counter.tryReserve(ACME, DAY, 0)).isFalse();
        assertThat(counter.used(ACME, DAY)).isZero();
    }

    @Test
    void each_tenant_and_day_counts_separately() {
        counter.tryReserve(ACME, DAY, 5);
        counter.tryReserve(ACME, DAY, 5);
        counter.tryReserve(ACME, DAY.plusDays(1), 5);
        counter.tryReserve(GLOBEX, DAY, 5);

        assertThat(counter.used(ACME, DAY)).isEqualTo(2);
        assertThat(counter.used(ACME, DAY.plusDays(1))).isEqualTo(1);
        assertThat(counter.used(GLOBEX, DAY)).isEqualTo(1);
        assertThat(counter.used(GLOBEX, DAY.minusDays(1))).isZero();
    }

    @Test
    void sixteen_threads_trying_ten_times_with_a_limit_of_fifty_reserve_exactly_fifty() throws Exception {
        List<Integer> reservedPerThread = Race.run(16, () -> {
            int reserved = 0;
            for (int i = 0; i < 10; i++) {
                if (counter.tryReserve(ACME, DAY, 50)) {
                    reserved++;
                }
            }
            return reserved;
        });

        assertThat(reservedPerThread.stream().mapToInt(Integer::intValue).sum()).isEqualTo(50);
        assertThat(counter.used(ACME, DAY)).isEqualTo(50);
    }
}
