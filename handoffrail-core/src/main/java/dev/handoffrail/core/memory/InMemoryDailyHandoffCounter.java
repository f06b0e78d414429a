package dev.handoffrail.core.memory;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.port.out.DailyHandoffCounter;
import dev.handoffrail.core.tenant.TenantId;
import java.time.LocalDate;

/**
 * Per-tenant, per-UTC-day handoff counts held in memory. Joins the {@link InMemoryTransactor}, so a reservation
 * made by a unit of work that throws is undone. Thread-safe.
 */
public final class InMemoryDailyHandoffCounter implements DailyHandoffCounter {
    private final InMemoryTransactor transactor;
    private final Table<Day, Long> counts;

    public InMemoryDailyHandoffCounter(InMemoryTransactor transactor) {
        this.transactor = requireNonNull(transactor, "transactor");
        this.counts = new Table<>(transactor);
    }

    @Override
    public boolean tryReserve(TenantId tenant, LocalDate day, long limit) {
        Day key = new Day(tenant, day);
        return transactor.inTransaction(() -> {
            long used = counts.get(key).orElse(0L);
            if (used >= limit) {
                return false;
            }
            counts.put(key, used + 1);
            return true;
        });
    }

    @Override
    public long used(TenantId tenant, LocalDate day) {
        return transactor.inTransaction(() -> counts.get(new Day(tenant, day)).orElse(0L));
    }

    private record Day(TenantId tenant, LocalDate day) {
    }
}
