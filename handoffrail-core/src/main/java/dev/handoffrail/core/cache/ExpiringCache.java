package dev.handoffrail.core.cache;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A per-instance read-through cache whose entries live at most {@code ttl} by {@code clock} and whose size stays
 * within {@code maxEntries} (when full, expired entries go first, then arbitrary ones down to 90 % of it;
 * concurrent loads may overshoot by the number of loading threads). Null values are never cached. An invalidation
 * wins over every load still in flight: a value read before it is returned to its caller but not kept. Thread-safe.
 */
public final class ExpiringCache<K, V> {
    private final Clock clock;
    private final long ttlMillis;
    private final int maxEntries;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong invalidations = new AtomicLong();

    public ExpiringCache(Clock clock, Duration ttl, int maxEntries) {
        this.clock = requireNonNull(clock, "clock");
        this.ttlMillis = requireNonNull(ttl, "ttl").toMillis();
        if (ttlMillis <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("a cache needs a positive ttl and size, got " + ttl + " and "
                    + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /** The cached value of {@code key}, or what {@code loader} returns for it (kept unless null). */
    public V get(K key, Function<? super K, ? extends V> loader) {
        long now = clock.millis();
        Entry<V> cached = entries.get(key);
        if (cached != null && cached.freshAt(now)) {
            return cached.value();
        }
        long before = invalidations.get();
        V value = loader.apply(key);
        if (value != null && invalidations.get() == before) {
            makeRoom(now);
            Entry<V> entry = new Entry<>(value, now, now + ttlMillis);
            entries.put(key, entry);
            if (invalidations.get() != before) {
                entries.remove(key, entry);
            }
        }
        return value;
    }

    public void invalidate(K key) {
        invalidations.incrementAndGet();
        entries.remove(key);
    }

    public void invalidateIf(Predicate<? super K> which) {
        invalidations.incrementAndGet();
        entries.keySet().removeIf(which);
    }

    /** How many entries are held, fresh or not. */
    public int size() {
        return entries.size();
    }

    private void makeRoom(long now) {
        if (entries.size() < maxEntries) {
            return;
        }
        entries.values().removeIf(entry -> !entry.freshAt(now));
        // down to 90 % of the bound, so that a full cache scans its entries once per tenth of its size, not per put
        int target = maxEntries - Math.max(1, maxEntries / 10);
        Iterator<K> keys = entries.keySet().iterator();
        while (entries.size() > target && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    /** A value loaded at {@code loadedAt}; stale from {@code expiresAt} on, or if the clock went back. */
    private record Entry<V>(V value, long loadedAt, long expiresAt) {
        boolean freshAt(long now) {
            return now >= loadedAt && now < expiresAt;
        }
    }
}
