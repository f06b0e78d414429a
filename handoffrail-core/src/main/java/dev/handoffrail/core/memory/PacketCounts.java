package dev.handoffrail.core.memory;

import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.tenant.TenantId;
import java.util.Map;
import java.util.Set;

/**
 * Per tenant, how many packets it stores of each status, priority and HITL flag: the in-memory {@code packet_counts}
 * (SQL migration V6), from which a list filtered only by those columns takes its total without walking packets (at
 * most 56 entries a tenant). A combination no packet has has no entry. Every change records its undo in the current
 * transaction. Not thread-safe on its own: callers hold the {@link InMemoryTransactor}'s lock.
 */
final class PacketCounts {
    private final TenantCounters<Columns> counts;

    PacketCounts(InMemoryTransactor transactor) {
        this.counts = new TenantCounters<>(transactor);
    }

    /** Accounts for a packet stored as {@code after} where it was {@code before}; either may be null (none). */
    void replaced(Packet before, Packet after) {
        Columns was = before == null ? null : Columns.of(before);
        Columns is = after == null ? null : Columns.of(after);
        if (was != null && is != null && was.equals(is) && before.tenant().equals(after.tenant())) {
            return;
        }
        if (was != null) {
            counts.change(before.tenant(), was, -1);
        }
        if (is != null) {
            counts.change(after.tenant(), is, 1);
        }
    }

    /** How many of the tenant's packets have any of {@code statuses} (all when empty), the priority and the flag. */
    long total(TenantId tenant, Set<PacketStatus> statuses, Priority priority, Boolean hitlRequired) {
        long total = 0;
        for (Map.Entry<Columns, Long> entry : counts.of(tenant).entrySet()) {
            Columns columns = entry.getKey();
            if ((statuses.isEmpty() || statuses.contains(columns.status()))
                    && (priority == null || priority == columns.priority())
                    && (hitlRequired == null || hitlRequired == columns.hitlRequired())) {
                total += entry.getValue();
            }
        }
        return total;
    }

    /** The columns a list total is counted by, read as {@code PacketQuery.matches} reads them. */
    private record Columns(PacketStatus status, Priority priority, boolean hitlRequired) {
        static Columns of(Packet packet) {
            return new Columns(packet.status(), packet.priority(), packet.hitl() != null && packet.hitl().required());
        }
    }
}
