package dev.handoffrail.core.port.out;

import dev.handoffrail.core.tenant.TenantId;
import java.time.LocalDate;

/**
 * Per-tenant, per-UTC-day handoff counts. Joins the ambient transaction, so a creation that rolls back is not
 * charged. Thread-safe and atomic: concurrent reservations can never exceed the limit.
 */
public interface DailyHandoffCounter {
    /** Adds one to the tenant's count for {@code day} if it is below {@code limit}; returns whether it did. */
    boolean tryReserve(TenantId tenant, LocalDate day, long limit);

    /** The tenant's count for {@code day}. */
    long used(TenantId tenant, LocalDate day);
}
