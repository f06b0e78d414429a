package dev.handoffrail.core.memory;

import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.tenant.TenantId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Per tenant, how many packets it stores of each status, priority and HITL flag: the in-memory {@code packet_counts}
 * (SQL migration V6), from which a list filtered only by those columns takes its total without walking packets (at
 * most 56 entries a tenant). A combination no packet has has no entry. Every change records its undo in the current
 * transaction. Not thread-safe on its own: callers hold the {@link InMemoryTransactor}'s lock.
 */
final class PacketCounts {
    private final InMemoryTransactor transactor;
    private final Map<TenantId, Map<Columns, Long>> counts = new HashMap<>();

    PacketCounts(InMemoryTransactor transactor) {
        this.transactor = transactor;
    }

    /** Accounts for a packet stored as {@code after} where it was {@code before}; either may be null (none). */
    void replaced(Packet before, Packet after) {
        Columns was = before == null ? null : Columns.of(before);
        Columns is = after == null ? null : Columns.of(after);
        if (was != null && is != null && was.equals(is) && before.tenant().equals(after.tenant())) {
            return;
        }
        if (was != null) {
            change(before.tenant(), was, -1);
        }
        if (is != null) {
            change(after.tenant(), is, 1);
        }
    }

    /** How many of the tenant's packets have any of {@code statuses} (all when empty), the priority and the flag. */
    long total(TenantId tenant, Set<PacketStatus> statuses, Priority priority, Boolean hitlRequired) {
        long total = 0;
        for (Map.Entry<Columns, Long> entry : counts.getOrDefault(tenant, Map.of()).entrySet()) {
            Columns columns = entry.getKey();
            if ((statuses.isEmpty() || statuses.contains(columns.status()))
                    && (priority == null || priority == columns.priority())
                    && (hitlRequired == null || hitlRequired == columns.hitlRequired())) {
                total += entry.getValue();
            }
        }
        return total;
    }

    private void change(TenantId tenant, Columns columns, long delta) {
        add(tenant, columns, delta);
        transactor.recordUndo(() -> add(tenant, columns, -delta));
    }

    private void add(TenantId tenant, Columns columns, long delta) {
        Map<Columns, Long> tenantCounts = counts.computeIfAbsent(tenant, t -> new HashMap<>());
        long now = tenantCounts.getOrDefault(columns, 0L) + delta;
        if (now > 0) {
            tenantCounts.put(columns, now);
        } else {
            tenantCounts.remove(columns);
        }
        if (tenantCounts.isEmpty()) {
            counts.remove(tenant);
        }
    }

    /** The columns a list total is counted by, read as {@code PacketQuery.matches} reads them. */
    private record Columns(PacketStatus status, Priority priority, boolean hitlRequired) {
        static Columns of(Packet packet) {
            return new Columns(packet.status(), packet.priority(), packet.hitl() != null && packet.hitl().required());
        }
    }
}
