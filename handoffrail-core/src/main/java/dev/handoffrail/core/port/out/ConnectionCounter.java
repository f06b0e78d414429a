package dev.handoffrail.core.port.out;

import dev.handoffrail.core.tenant.TenantId;

/**
 * Open real-time connections per tenant, counted across instances when shared. A shared counter forgets a
 * connection that was neither refreshed nor closed for a while (its instance crashed), so slots cannot leak; an
 * instance's own counter has nothing to forget. Thread-safe and atomic.
 */
public interface ConnectionCounter {
    /** Counts one more connection if fewer than {@code limit} are open; returns whether it did. */
    boolean tryOpen(TenantId tenant, String connectionId, long limit);

    /** Tells the counter that {@code connectionId} is still open; a connection not counted is left uncounted. */
    void refresh(TenantId tenant, String connectionId);

    void close(TenantId tenant, String connectionId);

    long open(TenantId tenant);
}
