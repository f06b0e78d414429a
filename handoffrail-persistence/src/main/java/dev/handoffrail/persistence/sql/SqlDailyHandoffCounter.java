package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.port.out.DailyHandoffCounter;
import dev.handoffrail.core.tenant.TenantId;
import java.time.LocalDate;

/**
 * {@link DailyHandoffCounter} on PostgreSQL or SQLite: one row per tenant and UTC day, raised by a conditional
 * update ({@code used < limit}), which the row lock makes atomic across instances. Thread-safe.
 */
final class SqlDailyHandoffCounter implements DailyHandoffCounter {
    private final SqlTransactor db;

    SqlDailyHandoffCounter(SqlTransactor db) {
        this.db = db;
    }

    @Override
    public boolean tryReserve(TenantId tenant, LocalDate day, long limit) {
        return db.write(h -> {
            h.createUpdate("INSERT INTO daily_handoffs (tenant_id, day, used) VALUES (:tenant, :day, 0) "
                            + "ON CONFLICT (tenant_id, day) DO NOTHING")
                    .bind("tenant", tenant.value())
                    .bind("day", day.toString())
                    .execute();
            return h.createUpdate("UPDATE daily_handoffs SET used = used + 1 WHERE tenant_id = :tenant "
                            + "AND day = :day AND used < :limit")
                    .bind("tenant", tenant.value())
                    .bind("day", day.toString())
                    .bind("limit", limit)
                    .execute() == 1;
        });
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
