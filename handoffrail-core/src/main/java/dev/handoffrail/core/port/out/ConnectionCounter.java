package dev.handoffrail.core.port.out;

import dev.handoffrail.core.tenant.TenantId;

/** Open real-time connections per tenant, counted across instances when shared. Thread-safe and atomic. */
public interface ConnectionCounter {
    /** Counts one more connection if fewer than {@code limit} are open; returns whether it did. */
    boolean tryOpen(TenantId tenant, String connectionId, long limit);

    void close(TenantId tenant, String connectionId);

    long open(TenantId tenant);
}
