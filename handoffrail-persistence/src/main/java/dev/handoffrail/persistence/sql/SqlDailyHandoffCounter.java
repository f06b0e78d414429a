package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.port.out.DailyHandoffCounter;
import dev.handoffrail.core.tenant.TenantId;
import java.time.LocalDate;

/**
 * {@link DailyHandoffCounter} on PostgreSQL or SQLite: one row per tenant and UTC day, inserted or raised by one
 * conditional upsert ({@code used < limit}), which the row lock makes atomic across instances. Thread-safe.
 */
final class SqlDailyHandoffCounter implements DailyHandoffCounter {
    private final SqlTransactor db;

    SqlDailyHandoffCounter(SqlTransactor db) {
        this.db = db;
    }

    @Override
    public boolean tryReserve(TenantId tenant, LocalDate day, long limit) {
        // one statement: the day's first handoff inserts the row, later ones raise it while below the limit
        return db.write(h -> h.createUpdate("INSERT INTO daily_handoffs (tenant_id, day, used) "
                        + "SELECT :tenant, :day, 1 WHERE :limit >= 1 "
                        + "ON CONFLICT (tenant_id, day) DO UPDATE SET used = daily_handoffs.used + 1 "
                        + "WHERE daily_handoffs.used < :limit")
                .bind("tenant", tenant.value())
                .bind("day", day.toString())
                .bind("limit", limit)
                .execute() == 1);
    }

    @Override
    public long used(TenantId tenant, LocalDate day) {
        return db.read(h -> h.createQuery("SELECT used FROM daily_handoffs WHERE tenant_id = :tenant AND day = :day")
                .bind("tenant", tenant.value())
                .bind("day", day.toString())
                .mapTo(Long.class)
                .findOne()
                .orElse(0L));
    }
}
