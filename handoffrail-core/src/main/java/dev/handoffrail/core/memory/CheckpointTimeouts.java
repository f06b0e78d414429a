package dev.handoffrail.core.memory;

import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The packets awaiting a human on a checkpoint with a timeout, for the sweeper: one expires once
 * {@code status_changed_at + timeout} has passed, whatever the TTL, so no single order serves every timeout.
 * Grouped by timeout, a group in expiry order ({@code status_changed_at}, id) is also in deadline order, so its due
 * packets come first; the groups' first packets are kept ordered by deadline ({@code heads}), so finding what is due
 * visits only groups that have something due, however many packets wait. Every change records its undo in the
 * current transaction. Not thread-safe on its own: callers hold the {@link InMemoryTransactor}'s lock.
 */
final class CheckpointTimeouts {
    private final InMemoryTransactor transactor;
    private final Map<Integer, NavigableMap<TimeKey, Packet>> groups = new HashMap<>();
    private final NavigableSet<Head> heads = new TreeSet<>();

    CheckpointTimeouts(InMemoryTransactor transactor) {
        this.transactor = transactor;
    }

    /** The checkpoint timeout under which {@code packet} expires, or null when the TTL applies (or nothing does). */
    static Integer timeoutOf(Packet packet) {
        return packet != null && packet.status() == PacketStatus.AWAITING_HUMAN && packet.hitl() != null
                ? packet.hitl().timeoutSeconds() : null;
    }

    /** Accounts for a packet stored as {@code after} where it was {@code before}; either may be null (none). */
    void replaced(Packet before, Packet after) {
        Integer was = timeoutOf(before);
        if (was != null) {
            TimeKey key = TimeKey.of(before.statusChangedAt(), before);
            Packet removed = drop(was, key);
            if (removed != null) {
                transactor.recordUndo(() -> store(was, key, removed));
            }
        }
        Integer is = timeoutOf(after);
        if (is != null) {
            TimeKey key = TimeKey.of(after.statusChangedAt(), after);
            Packet previous = store(is, key, after);
            transactor.recordUndo(() -> {
                if (previous == null) {
                    drop(is, key);
                } else {
                    store(is, key, previous);
                }
            });
        }
    }

    /**
     * The groups with at least one packet due at {@code now}, soonest deadline first: each with its timeout and its
     * packets in expiry order (read-only views; the due ones come first).
     */
    List<Due> dueAt(Instant now) {
        List<Due> due = new ArrayList<>();
        for (Head head : heads) {
            if (head.deadline().isAfter(now)) {
                break;
            }
            due.add(new Due(head.timeout(), Collections.unmodifiableNavigableMap(groups.get(head.timeout()))));
        }
        return due;
    }

    /** A group of packets sharing a checkpoint timeout; {@code packets} in expiry order. */
    record Due(int timeout, NavigableMap<TimeKey, Packet> packets) {
        /** Whether the packet at {@code key} of this group is due at {@code now}. */
        boolean dueAt(TimeKey key, Instant now) {
            return !deadline(key, timeout).isAfter(now);
        }
    }

    // store and drop change the groups and heads without recording anything: undo actions use them too

    private Packet store(int timeout, TimeKey key, Packet packet) {
        NavigableMap<TimeKey, Packet> group = groups.computeIfAbsent(timeout, t -> new TreeMap<>());
        unhead(timeout, group);
        Packet previous = group.put(key, packet);
        head(timeout, group);
        return previous;
    }

    private Packet drop(int timeout, TimeKey key) {
        NavigableMap<TimeKey, Packet> group = groups.get(timeout);
        if (group == null) {
            return null;
        }
        unhead(timeout, group);
        Packet removed = group.remove(key);
        if (group.isEmpty()) {
            groups.remove(timeout);
        } else {
            head(timeout, group);
        }
        return removed;
    }

    private void unhead(int timeout, NavigableMap<TimeKey, Packet> group) {
        if (!group.isEmpty()) {
            heads.remove(new Head(deadline(group.firstKey(), timeout), timeout));
        }
    }

    private void head(int timeout, NavigableMap<TimeKey, Packet> group) {
        heads.add(new Head(deadline(group.firstKey(), timeout), timeout));
    }

    private static Instant deadline(TimeKey key, int timeout) {
        return key.time().plusSeconds(timeout);
    }

    /** A group's first (earliest due) packet's deadline; one head per timeout. */
    private record Head(Instant deadline, int timeout) implements Comparable<Head> {
        @Override
        public int compareTo(Head other) {
            int byDeadline = deadline.compareTo(other.deadline);
            return byDeadline != 0 ? byDeadline : Integer.compare(timeout, other.timeout);
        }
    }
}
