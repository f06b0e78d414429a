package dev.handoffrail.core.port.out;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditPage;
import dev.handoffrail.core.audit.AuditQuery;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Append-only log of packet history events and other audit entries. Thread-safe; joins the ambient transaction,
 * so history is written atomically with the change it records.
 */
public interface AuditLog {
    void append(List<AuditEntry> entries);

    /** A packet's history, oldest first, ties broken by insertion order. */
    List<AuditEntry> history(TenantId tenant, PacketId packet);

    /** Entries matching {@code query}, newest first (ties: latest inserted first), paged. */
    AuditPage query(TenantId tenant, AuditQuery query);

    /** Every entry matching {@code query} (paging ignored), oldest first, streamed to {@code sink}. */
    void export(TenantId tenant, AuditQuery query, Consumer<AuditEntry> sink);

    /** Deletes the tenant's non-packet entries older than {@code before}; returns how many. */
    int purgeNonPacket(TenantId tenant, Instant before);
}
