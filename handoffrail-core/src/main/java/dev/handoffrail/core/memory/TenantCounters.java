package dev.handoffrail.core.memory;

import dev.handoffrail.core.tenant.TenantId;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Counters per tenant and key, for the in-memory stores' derived counts: a key whose count falls to zero has no
 * entry, nor a tenant without keys, and every change records its undo in the current transaction. Not thread-safe
 * on its own: callers hold the {@link InMemoryTransactor}'s lock.
 */
final class TenantCounters<K> {
    private final InMemoryTransactor transactor;
    private final Map<TenantId, Map<K, Long>> counts = new HashMap<>();

    TenantCounters(InMemoryTransactor transactor) {
        this.transactor = transactor;
    }

    /** Adds {@code delta} to the tenant's count of {@code key}; undone if the transaction rolls back. */
    void change(TenantId tenant, K key, long delta) {
        add(tenant, key, delta);
        transactor.recordUndo(() -> add(tenant, key, -delta));
    }

    /** The tenant's counts above zero, as a read-only view; empty when it has none. */
    Map<K, Long> of(TenantId tenant) {
        Map<K, Long> tenantCounts = counts.get(tenant);
        return tenantCounts == null ? Map.of() : Collections.unmodifiableMap(tenantCounts);
    }

    private void add(TenantId tenant, K key, long delta) {
        Map<K, Long> tenantCounts = counts.computeIfAbsent(tenant, t -> new HashMap<>());
        long now = tenantCounts.getOrDefault(key, 0L) + delta;
        if (now > 0) {
            tenantCounts.put(key, now);
        } else {
            tenantCounts.remove(key);
        }
        if (tenantCounts.isEmpty()) {
            counts.remove(tenant);
        }
    }
}
