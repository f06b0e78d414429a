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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The audit log and packet history held in memory; ties on timestamp are ordered by insertion. Each tenant's
 * entries and each packet's history are kept in time order, so a read looks only at the entries of its tenant
 * (of its packet, for a history) within its time bounds, however many the log holds for others ({@link RowIndex}
 * records each change's undo). Thread-safe; joins the {@link InMemoryTransactor}.
 */
public final class InMemoryAuditLog implements AuditLog {
    private final InMemoryTransactor transactor;
    private final RowIndex<Row, TenantId, Key> byTenant;
    private final RowIndex<Row, PacketKey, Key> byPacket;
    private long nextSequence;
    private long visited;

    public InMemoryAuditLog(InMemoryTransactor transactor) {
        this.transactor = requireNonNull(transactor, "transactor");
        this.byTenant = new RowIndex<>(transactor, row -> row.entry().tenant(), Row::key);
        this.byPacket = new RowIndex<>(transactor, row -> row.entry().packetId() == null ? null
                : new PacketKey(row.entry().tenant(), row.entry().packetId()), Row::key);
    }

    @Override
    public void append(List<AuditEntry> entries) {
        List<AuditEntry> copy = List.copyOf(entries);
        transactor.run(() -> copy.forEach(entry -> replaced(null, new Row(nextSequence++, entry))));
    }

    @Override
    public List<AuditEntry> history(TenantId tenant, PacketId packet) {
        return transactor.inTransaction(() -> entries(visit(byPacket.group(new PacketKey(tenant, packet)).values())));
    }

    @Override
    public AuditPage query(TenantId tenant, AuditQuery query) {
        return transactor.inTransaction(() -> {
            List<AuditEntry> page = new ArrayList<>();
            int total = 0;
            for (Row row : candidates(tenant, query).descendingMap().values()) {
                visited++;
                if (query.matches(row.entry())) {
                    if (total >= query.offset() && page.size() < query.limit()) {
                        page.add(row.entry());
                    }
                    total++;
                }
            }
            return new AuditPage(List.copyOf(page), total);
        });
    }

    @Override
    public void export(TenantId tenant, AuditQuery query, Consumer<AuditEntry> sink) {
        transactor.inTransaction(() -> entries(visit(candidates(tenant, query).values())).stream()
                .filter(query::matches).toList()).forEach(sink);
    }

    @Override
    public int purgeNonPacket(TenantId tenant, Instant before) {
        return transactor.inTransaction(() -> {
            List<Row> doomed = visit(byTenant.group(tenant).headMap(Key.first(before), false).values()).stream()
                    .filter(row -> row.entry().resource() != AuditResource.PACKET).toList();
            doomed.forEach(row -> replaced(row, null));
            return doomed.size();
        });
    }

    /** Deletes the history of these packets (part of {@link InMemoryPacketStore#purgeTerminal}). */
    void removeHistory(TenantId tenant, Set<PacketId> packets) {
        for (PacketId packet : packets) {
            visit(byPacket.group(new PacketKey(tenant, packet)).values()).forEach(row -> replaced(row, null));
        }
    }

    /** How many entries the log's reads and purges have looked at so far: what tests measure their cost by. */
    long entriesVisited() {
        return transactor.inTransaction(() -> visited);
    }

    /** The entries a query may match, oldest first: its packet's or its tenant's, within its time bounds. */
    private NavigableMap<Key, Row> candidates(TenantId tenant, AuditQuery query) {
        NavigableMap<Key, Row> rows = query.packetId() == null ? byTenant.group(tenant)
                : byPacket.group(new PacketKey(tenant, query.packetId()));
        if (query.createdAfter() != null) {
            rows = rows.tailMap(Key.first(query.createdAfter()), true);
        }
        if (query.createdBefore() != null) {
            rows = rows.headMap(Key.last(query.createdBefore()), true);
        }
        return rows;
    }

    /** A copy of {@code rows}, each counted as looked at. */
    private List<Row> visit(Iterable<Row> rows) {
        List<Row> seen = new ArrayList<>();
        for (Row row : rows) {
            visited++;
            seen.add(row);
        }
        return seen;
    }

    private void replaced(Row before, Row after) {
        byTenant.replaced(before, after);
        byPacket.replaced(before, after);
    }

    private static List<AuditEntry> entries(List<Row> rows) {
        return rows.stream().map(Row::entry).toList();
    }

    private record Row(long sequence, AuditEntry entry) {
        Key key() {
            return new Key(entry.timestamp(), sequence);
        }
    }

    /** An entry's place in time order: its timestamp, then the order it was appended in. */
    private record Key(Instant timestamp, long sequence) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::timestamp)
                .thenComparingLong(Key::sequence);

        /** Before every entry at {@code at}. */
        static Key first(Instant at) {
            return new Key(at, Long.MIN_VALUE);
        }

        /** After every entry at {@code at}. */
        static Key last(Instant at) {
            return new Key(at, Long.MAX_VALUE);
        }

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    private record PacketKey(TenantId tenant, PacketId packet) {
    }
}
