package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.port.out.DeliveryStore;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryId;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.WebhookId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;

/**
 * {@link DeliveryStore} on PostgreSQL or SQLite: the webhook outbox. {@link #leaseDue} locks due rows with
 * {@code FOR UPDATE SKIP LOCKED} on PostgreSQL (SQLite's single writer serialises it), so a due delivery is
 * handed to exactly one dispatcher across instances. Thread-safe.
 */
final class SqlDeliveryStore implements DeliveryStore {
    private static final String COLUMNS = "id, webhook_id, tenant_id, packet_id, event_type, status, attempts, "
            + "last_error, last_status_code, next_retry_at, delivered_at, created_at, updated_at, payload";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM deliveries";
    private static final String DUE = " WHERE status IN ('pending', 'failed') AND next_retry_at <= :now";

    private final SqlTransactor db;
    private final SqlDialect dialect;

    SqlDeliveryStore(SqlTransactor db, SqlDialect dialect) {
        this.db = db;
        this.dialect = dialect;
    }

    @Override
    public void insert(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        db.write(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO deliveries (" + COLUMNS + ") VALUES (:id, :webhook, "
                    + ":tenant, :packet, :eventType, :status, :attempts, :lastError, :lastStatusCode, :nextRetryAt, "
                    + ":deliveredAt, :createdAt, :updatedAt, :payload)");
            for (Delivery d : deliveries) {
                bindState(batch, d)
                        .bind("webhook", d.webhookId().value())
                        .bind("packet", d.packetId().value())
                        .bind("eventType", d.eventType().wireName())
                        .bind("createdAt", Micros.of(d.createdAt()))
                        .bind("payload", d.payload())
                        .add();
            }
            return batch.execute();
        });
    }

    @Override
    public Optional<Delivery> find(TenantId tenant, DeliveryId id) {
        return db.read(h -> h.createQuery(SELECT + " WHERE id = :id AND tenant_id = :tenant")
                .bind("id", id.value())
                .bind("tenant", tenant.value())
                .mapTo(DeliveryRow.class)
                .findOne()
                .map(DeliveryRow::toDelivery));
    }

    @Override
    public List<Delivery> leaseDue(Instant now, Instant leaseUntil, int limit, Set<WebhookId> excluded) {
        Where skipped = new Where();
        if (!excluded.isEmpty()) {
            skipped.notIn("webhook_id", excluded.stream().map(WebhookId::value).toList());
        }
        String notExcluded = excluded.isEmpty() ? "" : " AND " + skipped.sql().substring(" WHERE ".length());
        return db.write(h -> {
            List<DeliveryRow> due = skipped.bind(h.createQuery(SELECT + DUE + notExcluded
                            + " ORDER BY next_retry_at, created_at, id LIMIT :limit" + dialect.forUpdateSkipLocked()))
                    .bind("now", Micros.of(now))
                    .bind("limit", limit)
                    .mapTo(DeliveryRow.class)
                    .list();
            if (due.isEmpty()) {
                return List.of();
            }
            Where leased = new Where().in("id", due.stream().map(r -> UUID.fromString(r.id())).toList());
            leased.bind(h.createUpdate("UPDATE deliveries SET next_retry_at = :until" + leased.sql()))
                    .bind("until", Micros.of(leaseUntil))
                    .execute();
            List<Delivery> deliveries = new ArrayList<>(due.size());
            due.forEach(row -> deliveries.add(row.leasedUntil(Micros.of(leaseUntil)).toDelivery()));
            return deliveries;
        });
    }

    @Override
    public void update(Delivery d) {
        db.write(h -> bindState(h.createUpdate("UPDATE deliveries SET status = :status, attempts = :attempts, "
                + "last_error = :lastError, last_status_code = :lastStatusCode, next_retry_at = :nextRetryAt, "
                + "delivered_at = :deliveredAt, updated_at = :updatedAt WHERE id = :id AND tenant_id = :tenant"), d)
                .execute());
    }

    @Override
    public boolean updateIfUnchanged(Delivery leased, Delivery outcome) {
        if (!leased.id().equals(outcome.id())) {
            throw new IllegalArgumentException("the outcome is of another delivery");
        }
        boolean due = leased.nextRetryAt() != null;
        return db.write(h -> {
            Update update = bindState(h.createUpdate("UPDATE deliveries SET status = :status, "
                    + "attempts = :attempts, last_error = :lastError, last_status_code = :lastStatusCode, "
                    + "next_retry_at = :nextRetryAt, delivered_at = :deliveredAt, updated_at = :updatedAt "
                    + "WHERE id = :id AND tenant_id = :tenant AND status = :leasedStatus AND attempts = :leasedAttempts "
                    + "AND " + (due ? "next_retry_at = :leasedDue" : "next_retry_at IS NULL")), outcome)
                    .bind("tenant", leased.tenant().value())
                    .bind("leasedStatus", leased.status().wireName())
                    .bind("leasedAttempts", leased.attempts());
            if (due) {
                update.bind("leasedDue", Micros.of(leased.nextRetryAt()));
            }
            return update.execute();
        }) == 1;
    }

    /** Binds the identity and the state that attempts change. */
    private static <S extends SqlStatement<S>> S bindState(S statement, Delivery d) {
        return statement.bind("id", d.id().value())
                .bind("tenant", d.tenant().value())
                .bind("status", d.status().wireName())
                .bind("attempts", d.attempts())
                .bind("lastError", d.lastError())
                .bind("lastStatusCode", d.lastStatusCode())
                .bind("nextRetryAt", Micros.of(d.nextRetryAt()))
                .bind("deliveredAt", Micros.of(d.deliveredAt()))
                .bind("updatedAt", Micros.of(d.updatedAt()));
    }

    @Override
    public List<Delivery> listForWebhook(TenantId tenant, WebhookId webhook, DeliveryStatus status, int limit,
                                         int offset) {
        Where where = new Where();
        where.and("tenant_id = " + where.param(tenant.value()))
                .and("webhook_id = " + where.param(webhook.value()));
        if (status != null) {
            where.and("status = " + where.param(status.wireName()));
        }
        return page(where, " ORDER BY created_at DESC, id DESC", limit, offset);
    }

    @Override
    public List<Delivery> deadLetters(TenantId tenant, int limit, int offset) {
        Where where = new Where().and("status = 'dead_letter'");
        where.and("tenant_id = " + where.param(tenant.value()));
        return page(where, " ORDER BY updated_at DESC, id DESC", limit, offset);
    }

    @Override
    public List<Delivery> failed(TenantId tenant, int limit) {
        Where where = new Where().and("status = 'failed'");
        where.and("tenant_id = " + where.param(tenant.value()));
        return page(where, " ORDER BY next_retry_at, created_at, id", limit, 0);
    }

    private List<Delivery> page(Where where, String order, int limit, int offset) {
        return db.read(h -> where.bind(h.createQuery(SELECT + where.sql() + order + " LIMIT :limit OFFSET :offset"))
                .bind("limit", limit)
                .bind("offset", offset)
                .mapTo(DeliveryRow.class)
                .map(DeliveryRow::toDelivery)
                .list());
    }

    @Override
    public int cancelForWebhook(TenantId tenant, WebhookId webhook, String lastError, Instant now) {
        return db.write(h -> h.createUpdate("UPDATE deliveries SET status = 'dead_letter', last_error = :error, "
                        + "next_retry_at = NULL, updated_at = :now "
                        + "WHERE tenant_id = :tenant AND webhook_id = :webhook AND status IN ('pending', 'failed')")
                .bind("tenant", tenant.value())
                .bind("webhook", webhook.value())
                .bind("error", lastError)
                .bind("now", Micros.of(now))
                .execute());
    }

    @Override
    public Map<TenantId, Long> deadLetterCounts() {
        Map<TenantId, Long> counts = new LinkedHashMap<>();
        db.read(h -> h.createQuery("SELECT tenant_id, count(*) AS n FROM deliveries WHERE status = 'dead_letter' "
                        + "GROUP BY tenant_id ORDER BY tenant_id")
                .map((rs, ctx) -> Map.entry(new TenantId(rs.getString("tenant_id")), rs.getLong("n")))
                .list())
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    @Override
    public DeliveryActivity activitySince(Instant since) {
        return db.read(h -> h.createQuery("SELECT count(*) AS attempted, "
                        + "sum(CASE WHEN status IN ('failed', 'dead_letter') THEN 1 ELSE 0 END) AS failed "
                        + "FROM deliveries WHERE attempts > 0 AND updated_at >= :since")
                .bind("since", Micros.of(since))
                .map((rs, ctx) -> new DeliveryActivity(rs.getLong("attempted"), rs.getLong("failed")))
                .one());
    }

    /** One row of {@code deliveries}. */
    record DeliveryRow(String id, String webhookId, String tenantId, String packetId, String eventType, String status,
                       int attempts, String lastError, Integer lastStatusCode, Long nextRetryAt, Long deliveredAt,
                       long createdAt, long updatedAt, byte[] payload) {
        DeliveryRow leasedUntil(long until) {
            return new DeliveryRow(id, webhookId, tenantId, packetId, eventType, status, attempts, lastError,
                    lastStatusCode, until, deliveredAt, createdAt, updatedAt, payload);
        }

        Delivery toDelivery() {
            return new Delivery(new DeliveryId(UUID.fromString(id)), new WebhookId(UUID.fromString(webhookId)),
                    new TenantId(tenantId), new PacketId(UUID.fromString(packetId)),
                    EventType.fromWire(eventType).orElseThrow(), DeliveryStatus.fromWire(status).orElseThrow(),
                    attempts, lastError, lastStatusCode, Micros.toInstant(nextRetryAt),
                    Micros.toInstant(deliveredAt), Micros.toInstant(createdAt), Micros.toInstant(updatedAt), payload);
        }
    }
}
