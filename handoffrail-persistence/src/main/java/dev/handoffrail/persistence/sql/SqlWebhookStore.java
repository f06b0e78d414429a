package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.port.out.WebhookStore;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.webhook.SecretCipher;
import dev.handoffrail.core.webhook.Webhook;
import dev.handoffrail.core.webhook.WebhookId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@link WebhookStore} on PostgreSQL or SQLite; subscribed event types are a JSON array and the secret is sealed
 * by the configured {@link SecretCipher} before it is written. Thread-safe.
 */
final class SqlWebhookStore implements WebhookStore {
    private static final String SELECT = "SELECT id, tenant_id, url, events, secret, active, created_at, "
            + "previous_secret, previous_secret_expires_at FROM webhooks";

    private final SqlTransactor db;
    private final SqlDialect dialect;
    private final SecretCipher secrets;

    SqlWebhookStore(SqlTransactor db, SqlDialect dialect, SecretCipher secrets) {
        this.db = db;
        this.dialect = dialect;
        this.secrets = secrets;
    }

    @Override
    public void insert(Webhook webhook) {
        List<String> events = webhook.events().stream().map(EventType::wireName).sorted().toList();
        db.write(h -> h.createUpdate("INSERT INTO webhooks (id, tenant_id, url, events, secret, active, created_at, "
                        + "previous_secret, previous_secret_expires_at) VALUES (:id, :tenant, :url, "
                        + dialect.jsonb(":events") + ", :secret, :active, :createdAt, :previous, :previousUntil)")
                .bind("id", webhook.id().value())
                .bind("tenant", webhook.tenant().value())
                .bind("url", webhook.url())
                .bind("events", JsonColumns.write(events))
                .bind("secret", secrets.seal(webhook.secret()))
                .bind("active", webhook.active())
                .bind("createdAt", Micros.of(webhook.createdAt()))
                .bind("previous", sealedPrevious(webhook))
                .bind("previousUntil", Micros.of(webhook.previousSecretExpiresAt()))
                .execute());
    }

    @Override
    public boolean updateSecrets(Webhook webhook) {
        return db.write(h -> h.createUpdate("UPDATE webhooks SET secret = :secret, previous_secret = :previous, "
                        + "previous_secret_expires_at = :previousUntil WHERE id = :id AND tenant_id = :tenant "
                        + "AND active = TRUE")
                .bind("id", webhook.id().value())
                .bind("tenant", webhook.tenant().value())
                .bind("secret", secrets.seal(webhook.secret()))
                .bind("previous", sealedPrevious(webhook))
                .bind("previousUntil", Micros.of(webhook.previousSecretExpiresAt()))
                .execute()) == 1;
    }

    private String sealedPrevious(Webhook webhook) {
        return webhook.previousSecret() == null ? null : secrets.seal(webhook.previousSecret());
    }

    @Override
    public Optional<Webhook> find(TenantId tenant, WebhookId id) {
        return db.read(h -> h.createQuery(SELECT + " WHERE id = :id AND tenant_id = :tenant")
                .bind("id", id.value())
                .bind("tenant", tenant.value())
                .mapTo(WebhookRow.class)
                .findOne()
                .map(row -> row.toWebhook(secrets)));
    }

    @Override
    public List<Webhook> list(TenantId tenant) {
        return db.read(h -> h.createQuery(SELECT + " WHERE tenant_id = :tenant ORDER BY created_at DESC, id DESC")
                .bind("tenant", tenant.value())
                .mapTo(WebhookRow.class)
                .map(row -> row.toWebhook(secrets))
                .list());
    }

    @Override
    public List<Webhook> activeSubscribers(TenantId tenant, EventType type) {
        return db.read(h -> h.createQuery(SELECT + " WHERE tenant_id = :tenant AND active = TRUE AND "
                        + dialect.jsonArrayContains("events", ":type") + " ORDER BY created_at, id")
                .bind("tenant", tenant.value())
                .bind("type", type.wireName())
                .mapTo(WebhookRow.class)
                .map(row -> row.toWebhook(secrets))
                .list());
    }

    @Override
    public long countActive(TenantId tenant) {
        return db.read(h -> h.createQuery("SELECT count(*) FROM webhooks WHERE tenant_id = :tenant AND active = TRUE")
                .bind("tenant", tenant.value())
                .mapTo(Long.class)
                .one());
    }

    @Override
    public boolean deactivate(TenantId tenant, WebhookId id) {
        return db.write(h -> h.createUpdate("UPDATE webhooks SET active = FALSE WHERE id = :id "
                        + "AND tenant_id = :tenant AND active = TRUE")
                .bind("id", id.value())
                .bind("tenant", tenant.value())
                .execute()) == 1;
    }

    /** One row of {@code webhooks}. */
    record WebhookRow(String id, String tenantId, String url, String events, String secret, boolean active,
                      long createdAt, String previousSecret, Long previousSecretExpiresAt) {
        Webhook toWebhook(SecretCipher secrets) {
            Set<EventType> types = JsonColumns.readStrings(events).stream()
                    .map(name -> EventType.fromWire(name).orElseThrow())
                    .collect(Collectors.toSet());
            return new Webhook(new WebhookId(UUID.fromString(id)), new TenantId(tenantId), url, types,
                    secrets.open(secret), active, Micros.toInstant(createdAt),
                    previousSecret == null ? null : secrets.open(previousSecret),
                    Micros.toInstant(previousSecretExpiresAt));
        }

        @Override
        public String toString() {
            return "WebhookRow[id=" + id + ", tenant=" + tenantId + "]";
        }
    }
}
