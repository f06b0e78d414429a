package dev.handoffrail.core.memory;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One ordered index over the rows {@code V} of an in-memory store (packets, deliveries, audit entries), the way an
 * SQL index covers the rows its {@code WHERE} selects: a row sits in the group {@code groupOf} names (a tenant, a
 * tenant and an agent, or one group for all tenants), or in none when it returns null, under the key {@code keyOf}
 * gives it. Keys must be unique per row (they end with the id or a sequence). Every change records its undo in the
 * current transaction, so a rolled back transaction leaves the index as it found it; an emptied group is dropped.
 * Not thread-safe on its own: callers hold the {@link InMemoryTransactor}'s lock.
 */
final class RowIndex<V, G, K extends Comparable<K>> {
    private final InMemoryTransactor transactor;
    private final Function<V, G> groupOf;
    private final Function<V, K> keyOf;
    private final Map<G, NavigableMap<K, V>> groups = new HashMap<>();

    RowIndex(InMemoryTransactor transactor, Function<V, G> groupOf, Function<V, K> keyOf) {
        this.transactor = transactor;
        this.groupOf = groupOf;
        this.keyOf = keyOf;
    }

    /** Accounts for a row stored as {@code after} where it was {@code before}; either may be null (none). */
    void replaced(V before, V after) {
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

    /** The rows of {@code group} in key order, as a read-only view; empty when it has none. */
    NavigableMap<K, V> group(G group) {
        NavigableMap<K, V> rows = groups.get(group);
        return rows == null ? Collections.emptyNavigableMap() : Collections.unmodifiableNavigableMap(rows);
    }

    /** The number of rows of each non-empty group. */
    Map<G, Long> sizes() {
        Map<G, Long> sizes = new HashMap<>();
        groups.forEach((group, rows) -> sizes.put(group, (long) rows.size()));
        return sizes;
    }

    private void put(G group, K key, V row) {
        V previous = store(group, key, row);
        transactor.recordUndo(() -> {
            if (previous == null) {
                drop(group, key);
            } else {
                store(group, key, previous);
            }
        });
    }

    private void remove(G group, K key) {
        V previous = drop(group, key);
        if (previous != null) {
            transactor.recordUndo(() -> store(group, key, previous));
        }
    }

    // store and drop change the index without recording anything: undo actions use them too

    private V store(G group, K key, V row) {
        return groups.computeIfAbsent(group, g -> new TreeMap<>()).put(key, Objects.requireNonNull(row));
    }

    private V drop(G group, K key) {
        NavigableMap<K, V> rows = groups.get(group);
        if (rows == null) {
            return null;
        }
        V removed = rows.remove(key);
        if (rows.isEmpty()) {
            groups.remove(group);
        }
        return removed;
    }
}
