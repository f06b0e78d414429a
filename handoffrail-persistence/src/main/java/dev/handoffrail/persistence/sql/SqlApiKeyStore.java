package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.auth.ApiKey;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.port.out.ApiKeyStore;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link ApiKeyStore} on PostgreSQL or SQLite; only secret hashes are stored. Thread-safe. */
final class SqlApiKeyStore implements ApiKeyStore {
    private static final String SELECT = "SELECT id, tenant_id, name, prefix, secret_hash, role, platform_admin, "
            + "created_at, revoked_at, last_used_at FROM api_keys";

    private final SqlTransactor db;

    SqlApiKeyStore(SqlTransactor db) {
        this.db = db;
    }

    @Override
    public void insert(ApiKey key) {
        db.write(h -> h.createUpdate("INSERT INTO api_keys (id, tenant_id, name, prefix, secret_hash, role, "
                        + "platform_admin, created_at, revoked_at, last_used_at) "
                        + "VALUES (:id, :tenant, :name, :prefix, :hash, :role, :admin, :createdAt, :revokedAt, "
                        + ":lastUsedAt)")
                .bind("id", key.id().value())
                .bind("tenant", key.tenant().value())
                .bind("name", key.name())
                .bind("prefix", key.prefix())
                .bind("hash", key.secretHash())
                .bind("role", key.role().wireName())
                .bind("admin", key.platformAdmin())
                .bind("createdAt", Micros.of(key.createdAt()))
                .bind("revokedAt", Micros.of(key.revokedAt()))
                .bind("lastUsedAt", Micros.of(key.lastUsedAt()))
                .execute());
    }

    @Override
    public Optional<ApiKey> findByHash(String secretHash) {
        return db.read(h -> h.createQuery(SELECT + " WHERE secret_hash = :hash")
                .bind("hash", secretHash)
                .mapTo(ApiKeyRow.class)
                .findOne()
                .map(ApiKeyRow::toKey));
    }

    @Override
    public Optional<ApiKey> findById(ApiKeyId id) {
        return db.read(h -> h.createQuery(SELECT + " WHERE id = :id")
                .bind("id", id.value())
                .mapTo(ApiKeyRow.class)
                .findOne()
                .map(ApiKeyRow::toKey));
    }

    @Override
    public List<ApiKey> listByTenant(TenantId tenant) {
        return db.read(h -> h.createQuery(SELECT + " WHERE tenant_id = :tenant ORDER BY created_at DESC, id DESC")
                .bind("tenant", tenant.value())
                .mapTo(ApiKeyRow.class)
                .map(ApiKeyRow::toKey)
                .list());
    }

    @Override
    public boolean revoke(ApiKeyId id, Instant at) {
        return db.write(h -> h.createUpdate("UPDATE api_keys SET revoked_at = :at WHERE id = :id "
                        + "AND revoked_at IS NULL")
                .bind("id", id.value())
                .bind("at", Micros.of(at))
                .execute()) == 1;
    }

    @Override
    public long countActive(TenantId tenant) {
        return db.read(h -> h.createQuery("SELECT count(*) FROM api_keys WHERE tenant_id = :tenant "
                        + "AND revoked_at IS NULL")
                .bind("tenant", tenant.value())
                .mapTo(Long.class)
                .one());
    }

    @Override
    public long countActivePlatformAdmins() {
        return db.read(h -> h.createQuery("SELECT count(*) FROM api_keys WHERE platform_admin = TRUE "
                        + "AND revoked_at IS NULL")
                .mapTo(Long.class)
                .one());
    }

    @Override
    public void touchLastUsed(ApiKeyId id, Instant at) {
        db.write(h -> h.createUpdate("UPDATE api_keys SET last_used_at = :at WHERE id = :id")
                .bind("id", id.value())
                .bind("at", Micros.of(at))
                .execute());
    }

    /** One row of {@code api_keys}. */
    record ApiKeyRow(String id, String tenantId, String name, String prefix, String secretHash, String role,
                     boolean platformAdmin, long createdAt, Long revokedAt, Long lastUsedAt) {
        ApiKey toKey() {
            return new ApiKey(new ApiKeyId(UUID.fromString(id)), new TenantId(tenantId), name, prefix, secretHash,
                    Role.fromWire(role).orElseThrow(), platformAdmin, Micros.toInstant(createdAt),
                    Micros.toInstant(revokedAt), Micros.toInstant(lastUsedAt));
        }
    }
}
