package dev.handoffrail.core.memory;

import dev.handoffrail.core.port.out.ConnectionCounter;
import dev.handoffrail.core.tenant.TenantId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Open real-time connections of one instance, per tenant. Opening a connection id that is already open counts
 * it once and succeeds. Thread-safe: every call is atomic.
 */
public final class InMemoryConnectionCounter implements ConnectionCounter {
    private final Map<TenantId, Set<String>> connections = new HashMap<>();

    @Override
    public synchronized boolean tryOpen(TenantId tenant, String connectionId, long limit) {
        Set<String> open = connections.computeIfAbsent(tenant, t -> new HashSet<>());
        if (open.contains(connectionId)) {
            return true;
        }
        if (open.size() >= limit) {
            return false;
        }
        return open.add(connectionId);
    }

    /** Nothing to do: connections of one instance end with it. */
    @Override
    public void refresh(TenantId tenant, String connectionId) {
    }

    @Override
    public synchronized void close(TenantId tenant, String connectionId) {
        Set<String> open = connections.get(tenant);
        if (open != null && open.remove(connectionId) && open.isEmpty()) {
            connections.remove(tenant);
        }
    }

    @Override
    public synchronized long open(TenantId tenant) {
        Set<String> open = connections.get(tenant);
        return open == null ? 0 : open.size();
    }
}
