package dev.handoffrail.core.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Rows of one in-memory store, keyed by {@code K}. Every mutation records its undo in the current transaction.
 * Not thread-safe on its own: callers hold the {@link InMemoryTransactor}'s lock (they run inside a transaction).
 */
final class Table<K, V> {
    private final InMemoryTransactor transactor;
    private final Map<K, V> rows = new LinkedHashMap<>();

    Table(InMemoryTransactor transactor) {
        this.transactor = transactor;
    }

    Optional<V> get(K key) {
        return Optional.ofNullable(rows.get(key));
    }

    void put(K key, V value) {
        V previous = rows.put(key, value);
        transactor.recordUndo(previous == null ? () -> rows.remove(key) : () -> rows.put(key, previous));
    }

    /** Adds a row under a key never used before; throws {@link IllegalStateException} (changing nothing) if used. */
    void insert(K key, V value) {
        if (rows.containsKey(key)) {
            throw new IllegalStateException("key already used: " + key);
        }
        put(key, value);
    }

    /** Replaces the row under {@code key} if there is one; like an SQL {@code UPDATE}, does nothing otherwise. */
    void replace(K key, V value) {
        if (rows.containsKey(key)) {
            put(key, value);
        }
    }

    void remove(K key) {
        V previous = rows.remove(key);
        if (previous != null) {
            transactor.recordUndo(() -> rows.put(key, previous));
        }
    }

    /** Removes every row matching {@code condition}; returns how many. */
    int removeIf(Predicate<V> condition) {
        List<K> doomed = new ArrayList<>();
        rows.forEach((key, value) -> {
            if (condition.test(value)) {
                doomed.add(key);
            }
        });
        doomed.forEach(this::remove);
        return doomed.size();
    }

    Stream<V> rows() {
        return new ArrayList<>(rows.values()).stream();
    }
}
