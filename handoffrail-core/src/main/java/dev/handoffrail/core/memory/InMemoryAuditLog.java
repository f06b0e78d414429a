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
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The audit log and packet history held in memory; ties on timestamp are ordered by insertion. Each tenant's
 * entries and each packet's history are kept in time order, so a read looks only at the entries of its tenant
 * (of its packet, for a history) within its time bounds, however many the log holds for others. Thread-safe;
 * joins the {@link InMemoryTransactor}: every change records its undo.
 */
public final class InMemoryAuditLog implements AuditLog {
    private static final NavigableMap<Key, AuditEntry> EMPTY = Collections.emptyNavigableMap();

    private final InMemoryTransactor transactor;
    private final Map<TenantId, NavigableMap<Key, AuditEntry>> byTenant = new HashMap<>();
    private final Map<PacketKey, NavigableMap<Key, AuditEntry>> byPacket = new HashMap<>();
    private long nextSequence;
    private long visited;

    public InMemoryAuditLog(InMemoryTransactor transactor) {
        this.transactor = requireNonNull(transactor, "transactor");
    }

    @Override
    public void append(List<AuditEntry> entries) {
        List<AuditEntry> copy = List.copyOf(entries);
        transactor.run(() -> copy.forEach(entry -> {
            Key key = new Key(entry.timestamp(), nextSequence++);
            index(key, entry);
            transactor.recordUndo(() -> unindex(key, entry));
        }));
    }

    @Override
    public List<AuditEntry> history(TenantId tenant, PacketId packet) {
        return transactor.inTransaction(() -> visit(byPacket.getOrDefault(new PacketKey(tenant, packet), EMPTY)
                .values()));
    }

    @Override
    public AuditPage query(TenantId tenant, AuditQuery query) {
        return transactor.inTransaction(() -> {
            List<AuditEntry> page = new ArrayList<>();
            int total = 0;
            for (AuditEntry entry : candidates(tenant, query).descendingMap().values()) {
                visited++;
                if (query.matches(entry)) {
                    if (total >= query.offset() && page.size() < query.limit()) {
                        page.add(entry);
                    }
                    total++;
                }
            }
            return new AuditPage(List.copyOf(page), total);
        });
    }

    @Override
    public void export(TenantId tenant, AuditQuery query, Consumer<AuditEntry> sink) {
        transactor.inTransaction(() -> {
            List<AuditEntry> matching = new ArrayList<>();
            for (AuditEntry entry : candidates(tenant, query).values()) {
                visited++;
                if (query.matches(entry)) {
                    matching.add(entry);
                }
            }
            return matching;
        }).forEach(sink);
    }

    @Override
    public int purgeNonPacket(TenantId tenant, Instant before) {
        return transactor.inTransaction(() -> {
            List<Map.Entry<Key, AuditEntry>> doomed = new ArrayList<>();
            for (Map.Entry<Key, AuditEntry> row : byTenant.getOrDefault(tenant, EMPTY)
                    .headMap(Key.first(before), false).entrySet()) {
                visited++;
                if (row.getValue().resource() != AuditResource.PACKET) {
                    doomed.add(row);
                }
            }
            doomed.forEach(row -> remove(row.getKey(), row.getValue()));
            return doomed.size();
        });
    }

    /** Deletes the history of these packets (part of {@link InMemoryPacketStore#purgeTerminal}). */
    void removeHistory(TenantId tenant, Set<PacketId> packets) {
        for (PacketId packet : packets) {
            NavigableMap<Key, AuditEntry> history = byPacket.get(new PacketKey(tenant, packet));
            if (history != null) {
                new ArrayList<>(history.entrySet()).forEach(row -> remove(row.getKey(), row.getValue()));
            }
        }
    }

    /** How many entries the log's reads and purges have looked at so far: what tests measure their cost by. */
    long entriesVisited() {
        return transactor.inTransaction(() -> visited);
    }

    /** The entries a query may match, oldest first: its packet's or its tenant's, within its time bounds. */
    private NavigableMap<Key, AuditEntry> candidates(TenantId tenant, AuditQuery query) {
        NavigableMap<Key, AuditEntry> entries = query.packetId() == null ? byTenant.getOrDefault(tenant, EMPTY)
                : byPacket.getOrDefault(new PacketKey(tenant, query.packetId()), EMPTY);
        if (query.createdAfter() != null) {
            entries = entries.tailMap(Key.first(query.createdAfter()), true);
        }
        if (query.createdBefore() != null) {
            entries = entries.headMap(Key.last(query.createdBefore()), true);
        }
        return entries;
    }

    private List<AuditEntry> visit(Iterable<AuditEntry> entries) {
        List<AuditEntry> seen = new ArrayList<>();
        for (AuditEntry entry : entries) {
            visited++;
            seen.add(entry);
        }
        return List.copyOf(seen);
    }

    private void remove(Key key, AuditEntry entry) {
        unindex(key, entry);
        transactor.recordUndo(() -> index(key, entry));
    }

    private void index(Key key, AuditEntry entry) {
        byTenant.computeIfAbsent(entry.tenant(), tenant -> new TreeMap<>()).put(key, entry);
        if (entry.packetId() != null) {
            byPacket.computeIfAbsent(new PacketKey(entry.tenant(), entry.packetId()), packet -> new TreeMap<>())
                    .put(key, entry);
        }
    }

    private void unindex(Key key, AuditEntry entry) {
        removeFrom(byTenant, entry.tenant(), key);
        if (entry.packetId() != null) {
            removeFrom(byPacket, new PacketKey(entry.tenant(), entry.packetId()), key);
        }
    }

    private static <G> void removeFrom(Map<G, NavigableMap<Key, AuditEntry>> groups, G group, Key key) {
        NavigableMap<Key, AuditEntry> entries = groups.get(group);
        entries.remove(key);
        if (entries.isEmpty()) {
            groups.remove(group);
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
