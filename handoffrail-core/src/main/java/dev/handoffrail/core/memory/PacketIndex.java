package dev.handoffrail.core.memory;

import dev.handoffrail.core.packet.Packet;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One ordered index over the packets of an {@link InMemoryPacketStore}, the way an SQL index covers the rows its
 * {@code WHERE} selects: a packet sits in the group {@code groupOf} names (a tenant, a tenant and an agent, or one
 * group for all tenants), or in none when it returns null, under the key {@code keyOf} gives it. Keys must be
 * unique per packet (they end with the id). Every change records its undo in the current transaction, so a rolled
 * back transaction leaves the index as it found it; an emptied group is dropped. Not thread-safe on its own:
 * callers hold the {@link InMemoryTransactor}'s lock.
 */
final class PacketIndex<G, K extends Comparable<K>> {
    private final InMemoryTransactor transactor;
    private final Function<Packet, G> groupOf;
    private final Function<Packet, K> keyOf;
    private final Map<G, NavigableMap<K, Packet>> groups = new HashMap<>();

    PacketIndex(InMemoryTransactor transactor, Function<Packet, G> groupOf, Function<Packet, K> keyOf) {
        this.transactor = transactor;
        this.groupOf = groupOf;
        this.keyOf = keyOf;
    }

    /** Accounts for a packet stored as {@code after} where it was {@code before}; either may be null (none). */
    void replaced(Packet before, Packet after) {
        G was = before == null ? null : groupOf.apply(before);
        G is = after == null ? null : groupOf.apply(after);
        K wasKey = was == null ? null : keyOf.apply(before);
        K isKey = is == null ? null : keyOf.apply(after);
        if (was != null && !(was.equals(is) && wasKey.equals(isKey))) {
            remove(was, wasKey);
        }
        if (is != null) {
            put(is, isKey, after);
        }
    }

    /** The packets of {@code group} in key order, as a read-only view; empty when it has none. */
    NavigableMap<K, Packet> group(G group) {
        NavigableMap<K, Packet> packets = groups.get(group);
        return packets == null ? Collections.emptyNavigableMap() : Collections.unmodifiableNavigableMap(packets);
    }

    private void put(G group, K key, Packet packet) {
        Packet previous = store(group, key, packet);
        transactor.recordUndo(() -> {
            if (previous == null) {
                drop(group, key);
            } else {
                store(group, key, previous);
            }
        });
    }

    private void remove(G group, K key) {
        Packet previous = drop(group, key);
        if (previous != null) {
            transactor.recordUndo(() -> store(group, key, previous));
        }
    }

    // store and drop change the index without recording anything: undo actions use them too

    private Packet store(G group, K key, Packet packet) {
        return groups.computeIfAbsent(group, g -> new TreeMap<>()).put(key, Objects.requireNonNull(packet));
    }

    private Packet drop(G group, K key) {
        NavigableMap<K, Packet> packets = groups.get(group);
        if (packets == null) {
            return null;
        }
        Packet removed = packets.remove(key);
        if (packets.isEmpty()) {
            groups.remove(group);
        }
        return removed;
    }
}
