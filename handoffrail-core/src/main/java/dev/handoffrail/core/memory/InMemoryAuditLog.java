package dev.handoffrail.core.memory;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditPage;
import dev.handoffrail.core.audit.AuditQuery;
import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.port.out.AuditLog;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The audit log and packet history held in memory; ties on timestamp are ordered by insertion. Thread-safe;
 * joins the {@link InMemoryTransactor}.
 */
public final class InMemoryAuditLog implements AuditLog {
    private static final Comparator<Row> OLDEST_FIRST = Comparator.comparing((Row r) -> r.entry().timestamp())
            .thenComparingLong(Row::sequence);

    private final InMemoryTransactor transactor;
    private final Table<Long, Row> rows;
    private long nextSequence;

    public InMemoryAuditLog(InMemoryTransactor transactor) {
        this.transactor = requireNonNull(transactor, "transactor");
        this.rows = new Table<>(transactor);
    }

    @Override
    public void append(List<AuditEntry> entries) {
        List<AuditEntry> copy = List.copyOf(entries);
        transactor.run(() -> copy.forEach(entry -> {
            long sequence = nextSequence++;
            rows.put(sequence, new Row(sequence, entry));
        }));
    }

    @Override
    public List<AuditEntry> history(TenantId tenant, PacketId packet) {
        return transactor.inTransaction(() -> rows.rows()
                .filter(r -> r.entry().tenant().equals(tenant) && packet.equals(r.entry().packetId()))
                .sorted(OLDEST_FIRST).map(Row::entry).toList());
    }

    @Override
    public AuditPage query(TenantId tenant, AuditQuery query) {
        return transactor.inTransaction(() -> {
            List<AuditEntry> matching = matching(tenant, query, OLDEST_FIRST.reversed());
            List<AuditEntry> page = matching.stream().skip(query.offset()).limit(query.limit()).toList();
            return new AuditPage(page, matching.size());
        });
    }

    @Override
    public void export(TenantId tenant, AuditQuery query, Consumer<AuditEntry> sink) {
        transactor.inTransaction(() -> matching(tenant, query, OLDEST_FIRST)).forEach(sink);
    }

    @Override
    public int purgeNonPacket(TenantId tenant, Instant before) {
        return transactor.inTransaction(() -> rows.removeIf(r -> r.entry().tenant().equals(tenant)
                && r.entry().resource() != AuditResource.PACKET && r.entry().timestamp().isBefore(before)));
    }

    /** Deletes the history of these packets (part of {@link InMemoryPacketStore#purgeTerminal}). */
    void removeHistory(TenantId tenant, Set<PacketId> packets) {
        rows.removeIf(r -> r.entry().tenant().equals(tenant) && packets.contains(r.entry().packetId()));
    }

    private List<AuditEntry> matching(TenantId tenant, AuditQuery query, Comparator<Row> order) {
        return rows.rows().filter(r -> r.entry().tenant().equals(tenant) && query.matches(r.entry()))
                .sorted(order).map(Row::entry).toList();
    }

    private record Row(long sequence, AuditEntry entry) {
    }
}
