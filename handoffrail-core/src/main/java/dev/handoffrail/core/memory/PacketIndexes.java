package dev.handoffrail.core.memory;

import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketCursor;
import dev.handoffrail.core.packet.PacketPage;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The ordered indexes of an {@link InMemoryPacketStore}, and the reads that walk them, so that a list page,
 * claim-next, the sweeper's reads and the retention purge cost what they return (plus a tree descent), not what the
 * store holds; the same indexes the SQL schema has (migration V1), the same counts ({@code packet_counts}, V6):
 * <ul>
 *   <li>per tenant, every packet in list order ({@code created_at}, id text);</li>
 *   <li>per tenant, and per tenant and target agent, the {@code created} packets in claim order (priority
 *       descending, {@code created_at}, id text);</li>
 *   <li>across tenants, the active packets the TTL applies to in expiry order ({@code status_changed_at}, id text),
 *       and those awaiting a human under a checkpoint timeout in {@link CheckpointTimeouts};</li>
 *   <li>across tenants, the claimed and in-progress packets holding a lease, by lease expiry (then the id's
 *       {@link UUID} order, as this store always ordered them);</li>
 *   <li>per tenant, the terminal packets by {@code updated_at};</li>
 *   <li>per tenant, the {@link PacketCounts counts} by status, priority and HITL flag.</li>
 * </ul>
 * Every change records its undo in the current transaction. {@link #visited()} counts the packets the reads have
 * looked at, so that tests can show what a read costs without timing it. Not thread-safe on its own: callers hold
 * the {@link InMemoryTransactor}'s lock.
 */
final class PacketIndexes {
    private final RowIndex<Packet, TenantId, TimeKey> listed;
    private final RowIndex<Packet, TenantId, ClaimKey> claimable;
    private final RowIndex<Packet, AgentQueue, ClaimKey> claimableByTarget;
    private final RowIndex<Packet, Scope, TimeKey> ttlExpiry;
    private final CheckpointTimeouts checkpointExpiry;
    private final RowIndex<Packet, Scope, LeaseKey> leases;
    private final RowIndex<Packet, TenantId, TimeKey> terminal;
    private final PacketCounts counts;
    private long visited;

    PacketIndexes(InMemoryTransactor transactor) {
        listed = new RowIndex<>(transactor, Packet::tenant, p -> TimeKey.of(p.createdAt(), p));
        claimable = new RowIndex<>(transactor, p -> claimable(p) ? p.tenant() : null, ClaimKey::of);
        claimableByTarget = new RowIndex<>(transactor,
                p -> claimable(p) ? new AgentQueue(p.tenant(), p.targetAgent().id()) : null, ClaimKey::of);
        ttlExpiry = new RowIndex<>(transactor,
                p -> p.status().isActive() && CheckpointTimeouts.timeoutOf(p) == null ? Scope.ALL : null,
                p -> TimeKey.of(p.statusChangedAt(), p));
        checkpointExpiry = new CheckpointTimeouts(transactor);
        leases = new RowIndex<>(transactor, p -> leased(p) ? Scope.ALL : null, LeaseKey::of);
        terminal = new RowIndex<>(transactor, p -> p.status().isTerminal() ? p.tenant() : null,
                p -> TimeKey.of(p.updatedAt(), p));
        counts = new PacketCounts(transactor);
    }

    /** Accounts for a packet stored as {@code after} where it was {@code before}; either may be null (none). */
    void replaced(Packet before, Packet after) {
        listed.replaced(before, after);
        claimable.replaced(before, after);
        claimableByTarget.replaced(before, after);
        ttlExpiry.replaced(before, after);
        checkpointExpiry.replaced(before, after);
        leases.replaced(before, after);
        terminal.replaced(before, after);
        counts.replaced(before, after);
    }

    /** How many packets the reads have looked at since this store was made. */
    long visited() {
        return visited;
    }

    /** The tenant's packets in list order (oldest first), counted as visited as they are consumed. */
    Stream<Packet> ofTenant(TenantId tenant) {
        return listed.group(tenant).values().stream().map(this::visit);
    }

    /** The first packet in claim order of the tenant (addressed to {@code targetAgentId} if not null) with all tags. */
    Optional<Packet> nextClaimable(TenantId tenant, String targetAgentId, Set<String> tags) {
        NavigableMap<ClaimKey, Packet> queue = targetAgentId == null ? claimable.group(tenant)
                : claimableByTarget.group(new AgentQueue(tenant, targetAgentId));
        for (Packet packet : queue.values()) {
            visit(packet);
            if (packet.tags().containsAll(tags)) {
                return Optional.of(packet);
            }
        }
        return Optional.empty();
    }

    /**
     * A page of the tenant's list: the query's creation-time bounds and cursor narrow the walk to a key range, the
     * page takes the first {@code limit} matches after {@code offset} (one more tells whether a cursor follows). The
     * total comes from the counts when the query filters only by status, priority and HITL flag (as the SQL stores
     * decide), else from walking the query's time range.
     */
    PacketPage list(TenantId tenant, PacketQuery query) {
        NavigableMap<TimeKey, Packet> all = listed.group(tenant);
        PacketCursor cursor = query.cursor();
        TimeKey after = cursor == null ? null : new TimeKey(cursor.createdAt(), cursor.id().toString());
        NavigableMap<TimeKey, Packet> range = range(all, query, after);
        int skip = cursor == null ? query.offset() : 0;
        List<Packet> window = new ArrayList<>();
        for (Packet packet : (query.oldestFirst() ? range : range.descendingMap()).values()) {
            visit(packet);
            if (!query.matches(packet)) {
                continue;
            }
            if (skip > 0) {
                skip--;
                continue;
            }
            window.add(packet);
            if (window.size() > query.limit()) {
                break;
            }
        }
        boolean more = window.size() > query.limit();
        List<Packet> page = more ? window.subList(0, query.limit()) : window;
        PacketCursor next = more ? PacketCursor.after(page.get(page.size() - 1)) : null;
        return new PacketPage(page, total(tenant, query, all), next);
    }

    private long total(TenantId tenant, PacketQuery query, NavigableMap<TimeKey, Packet> all) {
        if (countedByColumns(query)) {
            return counts.total(tenant, query.statuses(), query.priority(), query.hitlRequired());
        }
        long total = 0;
        for (Packet packet : range(all, query, null).values()) {
            visit(packet);
            if (query.matches(packet)) {
                total++;
            }
        }
        return total;
    }

    /** Whether {@code query} filters by nothing but status, priority and HITL flag, which the counts keep. */
    private static boolean countedByColumns(PacketQuery query) {
        return query.sourceAgent() == null && query.targetAgent() == null && query.tags().isEmpty()
                && query.createdAfter() == null && query.createdBefore() == null;
    }

    /**
     * The part of {@code all} (ascending) within the query's inclusive creation-time bounds and strictly after
     * {@code cursor} in the query's direction (no cursor when null).
     */
    private static NavigableMap<TimeKey, Packet> range(NavigableMap<TimeKey, Packet> all, PacketQuery query,
                                                       TimeKey cursor) {
        TimeKey low = query.createdAfter() == null ? null : TimeKey.first(query.createdAfter());
        boolean lowInclusive = true;
        TimeKey high = query.createdBefore() == null ? null : TimeKey.last(query.createdBefore());
        boolean highInclusive = true;
        if (cursor != null && query.oldestFirst() && (low == null || cursor.compareTo(low) >= 0)) {
            low = cursor;
            lowInclusive = false;
        }
        if (cursor != null && !query.oldestFirst() && (high == null || cursor.compareTo(high) <= 0)) {
            high = cursor;
            highInclusive = false;
        }
        if (low != null && high != null) {
            return low.compareTo(high) > 0 ? Collections.emptyNavigableMap()
                    : all.subMap(low, lowInclusive, high, highInclusive);
        }
        if (low != null) {
            return all.tailMap(low, lowInclusive);
        }
        return high == null ? all : all.headMap(high, highInclusive);
    }

    /**
     * Up to {@code limit} packets due for expiry, in expiry order: those the TTL applies to whose status changed
     * before {@code ttlCutoff} (a prefix of their index), merged with the due prefix of every checkpoint-timeout
     * group that has one.
     */
    List<Packet> expirable(Instant ttlCutoff, Instant now, int limit) {
        requireLimit(limit);
        PriorityQueue<Run> runs = new PriorityQueue<>(Comparator.comparing(Run::key));
        new Run(ttlExpiry.group(Scope.ALL), key -> key.time().isBefore(ttlCutoff)).joinIfDue(runs);
        for (CheckpointTimeouts.Due group : checkpointExpiry.dueAt(now)) {
            new Run(group.packets(), key -> group.dueAt(key, now)).joinIfDue(runs);
        }
        List<Packet> due = new ArrayList<>();
        while (due.size() < limit && !runs.isEmpty()) {
            Run run = runs.poll();
            due.add(run.packet());
            if (due.size() < limit) {
                run.joinIfDue(runs);
            }
        }
        return due;
    }

    /** Up to {@code limit} leased packets whose lease expired at or before {@code now}, soonest expired first. */
    List<Packet> leaseExpired(Instant now, int limit) {
        requireLimit(limit);
        List<Packet> expired = new ArrayList<>();
        for (Map.Entry<LeaseKey, Packet> entry : leases.group(Scope.ALL).entrySet()) {
            if (expired.size() >= limit || entry.getKey().expiresAt().isAfter(now)) {
                break;
            }
            expired.add(visit(entry.getValue()));
        }
        return expired;
    }

    /** The tenant's terminal packets last updated before {@code updatedBefore}. */
    List<Packet> terminalBefore(TenantId tenant, Instant updatedBefore) {
        return terminal.group(tenant).headMap(TimeKey.first(updatedBefore), false).values().stream()
                .map(this::visit).toList();
    }

    /** Counts {@code packet} as looked at by a read, and returns it. */
    Packet visit(Packet packet) {
        visited++;
        return packet;
    }

    /** As {@link Stream#limit} does, refuses a negative limit. */
    private static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException(Integer.toString(limit));
        }
    }

    private static boolean claimable(Packet packet) {
        return packet.status() == PacketStatus.CREATED;
    }

    private static boolean leased(Packet packet) {
        return (packet.status() == PacketStatus.CLAIMED || packet.status() == PacketStatus.IN_PROGRESS)
                && packet.lease().held();
    }

    /** The one group of an index across tenants. */
    private enum Scope {
        ALL
    }

    /** The claimable packets of a tenant addressed to one agent. */
    private record AgentQueue(TenantId tenant, String agentId) {
    }

    /** Claim order: priority descending, then {@code created_at}, then id text. */
    private record ClaimKey(int rank, Instant createdAt, String id) implements Comparable<ClaimKey> {
        static ClaimKey of(Packet packet) {
            return new ClaimKey(packet.priority().rank(), packet.createdAt(), packet.id().toString());
        }

        @Override
        public int compareTo(ClaimKey other) {
            int byRank = Integer.compare(other.rank, rank);
            if (byRank != 0) {
                return byRank;
            }
            int byTime = createdAt.compareTo(other.createdAt);
            return byTime != 0 ? byTime : id.compareTo(other.id);
        }
    }

    /** Lease expiry order: {@code expiresAt}, then the id's {@link UUID} order. */
    private record LeaseKey(Instant expiresAt, UUID id) implements Comparable<LeaseKey> {
        static LeaseKey of(Packet packet) {
            return new LeaseKey(packet.lease().expiresAt(), packet.id().value());
        }

        @Override
        public int compareTo(LeaseKey other) {
            int byExpiry = expiresAt.compareTo(other.expiresAt);
            return byExpiry != 0 ? byExpiry : id.compareTo(other.id);
        }
    }

    /** One index's due packets in expiry order, walked one at a time while merging. */
    private final class Run {
        private final Iterator<Map.Entry<TimeKey, Packet>> entries;
        private final Predicate<TimeKey> due;
        private Map.Entry<TimeKey, Packet> current;

        Run(NavigableMap<TimeKey, Packet> packets, Predicate<TimeKey> due) {
            this.entries = packets.entrySet().iterator();
            this.due = due;
        }

        /** Moves to the next packet and, if it is due, queues this run in {@code runs} again. */
        void joinIfDue(PriorityQueue<Run> runs) {
            if (!entries.hasNext()) {
                return;
            }
            current = entries.next();
            visit(current.getValue());
            if (due.test(current.getKey())) {
                runs.add(this);
            }
        }

        TimeKey key() {
            return current.getKey();
        }

        Packet packet() {
            return current.getValue();
        }
    }
}
