package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.port.out.IdempotencyStore;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@link IdempotencyStore} on PostgreSQL or SQLite. {@link #begin} claims a key with an insert that does nothing
 * on conflict (or by taking over an expired row with a conditional update), so of concurrent requests with one key
 * exactly one starts. Thread-safe.
 */
final class SqlIdempotencyStore implements IdempotencyStore {
    private final SqlTransactor db;

    SqlIdempotencyStore(SqlTransactor db) {
        this.db = db;
    }

    @Override
    public Begin begin(TenantId tenant, String key, String requestHash, Instant now, Instant expiresAt) {
        while (true) {
            Optional<Begin> outcome = tryBegin(tenant, key, requestHash, now, expiresAt);
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
    }

    /** Empty when the key was released between the failed insert and the read: the caller simply tries again. */
    private Optional<Begin> tryBegin(TenantId tenant, String key, String requestHash, Instant now,
                                     Instant expiresAt) {
        Map<String, Object> claim = Map.of("tenant", tenant.value(), "key", key, "hash", requestHash,
                "now", Micros.of(now), "expires", Micros.of(expiresAt));
        return db.write(h -> {
            int inserted = h.createUpdate("INSERT INTO idempotency_keys (tenant_id, idem_key, request_hash, "
                    + "created_at, expires_at) VALUES (:tenant, :key, :hash, :now, :expires) "
                    + "ON CONFLICT (tenant_id, idem_key) DO NOTHING").bindMap(claim).execute();
            // an expired key is free again: take it over in place
            int takenOver = inserted == 1 ? 0 : h.createUpdate("UPDATE idempotency_keys SET request_hash = :hash, "
                    + "status = NULL, body = NULL, created_at = :now, expires_at = :expires "
                    + "WHERE tenant_id = :tenant AND idem_key = :key AND expires_at <= :now").bindMap(claim).execute();
            if (inserted + takenOver == 1) {
                return Optional.of(new Begin.Started());
            }
            Optional<Remembered> found = h.createQuery("SELECT request_hash, status, body FROM idempotency_keys "
                            + "WHERE tenant_id = :tenant AND idem_key = :key")
                    .bind("tenant", tenant.value())
                    .bind("key", key)
                    .mapTo(Remembered.class)
                    .findOne();
            return found.map(remembered -> outcome(remembered, requestHash));
        });
    }

    private static Begin outcome(Remembered remembered, String requestHash) {
        if (!remembered.requestHash().equals(requestHash)) {
            return new Begin.Mismatch();
        }
        if (remembered.status() == null) {
            return new Begin.InProgress();
        }
        return new Begin.Replay(remembered.status(), remembered.body() == null ? new byte[0] : remembered.body());
    }

    @Override
    public void complete(TenantId tenant, String key, int status, byte[] body) {
        db.write(h -> h.createUpdate("UPDATE idempotency_keys SET status = :status, body = :body "
                        + "WHERE tenant_id = :tenant AND idem_key = :key")
                .bind("tenant", tenant.value())
                .bind("key", key)
                .bind("status", status)
                .bind("body", body.clone())
                .execute());
    }

    @Override
    public void release(TenantId tenant, String key) {
        db.write(h -> h.createUpdate("DELETE FROM idempotency_keys WHERE tenant_id = :tenant AND idem_key = :key "
                        + "AND status IS NULL")
                .bind("tenant", tenant.value())
                .bind("key", key)
                .execute());
    }

    /** What is remembered for a key: the request's hash, and the final response once there is one. */
    record Remembered(String requestHash, Integer status, byte[] body) {
    }
}
