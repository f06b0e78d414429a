package dev.handoffrail.core.memory;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.port.out.IdempotencyStore;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * Remembered idempotent creations held in memory. An entry whose {@code expiresAt} is at or before the
 * {@code now} of a later {@link #begin} is forgotten. Joins the {@link InMemoryTransactor}. Thread-safe.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {
    private final InMemoryTransactor transactor;
    private final Table<Key, Entry> entries;

    public InMemoryIdempotencyStore(InMemoryTransactor transactor) {
        this.transactor = requireNonNull(transactor, "transactor");
        this.entries = new Table<>(transactor);
    }

    @Override
    public Begin begin(TenantId tenant, String key, String requestHash, Instant now, Instant expiresAt) {
        Key id = new Key(tenant, key);
        return transactor.inTransaction(() -> {
            Optional<Entry> existing = entries.get(id).filter(e -> e.expiresAt().isAfter(now));
            if (existing.isEmpty()) {
                entries.put(id, new Entry(requestHash, expiresAt, null, null));
                return new Begin.Started();
            }
            Entry entry = existing.get();
            if (!entry.requestHash().equals(requestHash)) {
                return new Begin.Mismatch();
            }
            if (entry.status() == null) {
                return new Begin.InProgress();
            }
            return new Begin.Replay(entry.status(), entry.body().clone());
        });
    }

    @Override
    public void complete(TenantId tenant, String key, int status, byte[] body) {
        Key id = new Key(tenant, key);
        byte[] copy = body.clone();
        transactor.run(() -> entries.get(id).ifPresent(e ->
                entries.put(id, new Entry(e.requestHash(), e.expiresAt(), status, copy))));
    }

    @Override
    public void release(TenantId tenant, String key) {
        Key id = new Key(tenant, key);
        transactor.run(() -> entries.get(id).filter(e -> e.status() == null).ifPresent(e -> entries.remove(id)));
    }

    private record Key(TenantId tenant, String key) {
    }

    private record Entry(String requestHash, Instant expiresAt, Integer status, byte[] body) {
    }
}
