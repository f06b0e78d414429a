package dev.handoffrail.core.memory;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.auth.ApiKey;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.port.out.ApiKeyStore;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** API keys (hashes only) held in memory. Thread-safe; joins the {@link InMemoryTransactor}. */
public final class InMemoryApiKeyStore implements ApiKeyStore {
    private static final Comparator<ApiKey> NEWEST_FIRST = Comparator.comparing(ApiKey::createdAt)
            .thenComparing(k -> k.id().toString()).reversed();

    private final InMemoryTransactor transactor;
    private final Table<ApiKeyId, ApiKey> keys;

    public InMemoryApiKeyStore(InMemoryTransactor transactor) {
        this.transactor = requireNonNull(transactor, "transactor");
        this.keys = new Table<>(transactor);
    }

    @Override
    public void insert(ApiKey key) {
        transactor.run(() -> {
            if (keys.rows().anyMatch(k -> k.secretHash().equals(key.secretHash()))) {
                throw new IllegalStateException("secret hash already stored");
            }
            keys.insert(key.id(), key);
        });
    }

    @Override
    public Optional<ApiKey> findByHash(String secretHash) {
        return transactor.inTransaction(() -> keys.rows().filter(k -> k.secretHash().equals(secretHash)).findFirst());
    }

    @Override
    public Optional<ApiKey> findById(ApiKeyId id) {
        return transactor.inTransaction(() -> keys.get(id));
    }

    @Override
    public List<ApiKey> listByTenant(TenantId tenant) {
        return transactor.inTransaction(() -> keys.rows().filter(k -> k.tenant().equals(tenant))
                .sorted(NEWEST_FIRST).toList());
    }

    @Override
    public boolean revoke(ApiKeyId id, Instant at) {
        return transactor.inTransaction(() -> {
            Optional<ApiKey> key = keys.get(id).filter(k -> !k.revoked());
            key.ifPresent(k -> keys.put(id, k.revokedAt(at)));
            return key.isPresent();
        });
    }

    @Override
    public long countActive(TenantId tenant) {
        return transactor.inTransaction(() -> keys.rows().filter(k -> !k.revoked() && k.tenant().equals(tenant))
                .count());
    }

    @Override
    public long countActivePlatformAdmins() {
        return transactor.inTransaction(() -> keys.rows().filter(k -> !k.revoked() && k.platformAdmin()).count());
    }

    @Override
    public void touchLastUsed(ApiKeyId id, Instant at) {
        transactor.run(() -> keys.get(id).ifPresent(k -> keys.put(id, k.usedAt(at))));
    }
}
