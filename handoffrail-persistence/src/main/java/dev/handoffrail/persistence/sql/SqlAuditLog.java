package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditPage;
import dev.handoffrail.core.audit.AuditQuery;
import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.port.out.AuditLog;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * {@link AuditLog} on PostgreSQL or SQLite: one append-only table whose {@code seq} column records insertion
 * order. Exports page through the table by key, so memory stays flat however large the log. Thread-safe.
 */
final class SqlAuditLog implements AuditLog {
    private static final int EXPORT_CHUNK = 500;
    private static final String SELECT = "SELECT seq, id, tenant_id, resource, resource_id, packet_id, action, actor, "
            + "details, occurred_at, api_key_id FROM audit_log";

    private final SqlTransactor db;
    private final SqlDialect dialect;

    SqlAuditLog(SqlTransactor db, SqlDialect dialect) {
        this.db = db;
        this.dialect = dialect;
    }

    @Override
    public void append(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String insert = "INSERT INTO audit_log (id, tenant_id, resource, resource_id, packet_id, action, actor, "
                + "details, occurred_at, api_key_id) VALUES (:id, :tenant, :resource, :resourceId, :packet, :action, "
                + ":actor, " + dialect.json(":details") + ", :at, :key)";
        db.write(h -> {
            if (entries.size() == 1) {
                // the usual case (one packet change): a plain statement costs less than a batch of one
                bind(h.createUpdate(insert), entries.get(0)).execute();
                return null;
            }
            PreparedBatch batch = h.prepareBatch(insert);
            for (AuditEntry e : entries) {
                bind(batch, e).add();
            }
            batch.execute();
            return null;
        });
    }

    private static <S extends SqlStatement<S>> S bind(S statement, AuditEntry e) {
        return statement.bind("id", e.id())
                .bind("tenant", e.tenant().value())
                .bind("resource", e.resource().wireName())
                .bind("resourceId", e.resourceId())
                .bindByType("packet", e.packetId() == null ? null : e.packetId().value(), UUID.class)
                .bind("action", e.action())
                .bind("actor", e.actor())
                .bind("details", JsonColumns.write(e.details()))
                .bind("at", Micros.of(e.timestamp()))
                .bindByType("key", e.apiKeyId() == null ? null : e.apiKeyId().value(), UUID.class);
    }

    @Override
    public List<AuditEntry> history(TenantId tenant, PacketId packet) {
        return db.read(h -> h.createQuery(SELECT + " WHERE tenant_id = :tenant AND packet_id = :packet "
                        + "ORDER BY occurred_at, seq")
                .bind("tenant", tenant.value())
                .bind("packet", packet.value())
                .mapTo(AuditRow.class)
                .map(AuditRow::toEntry)
                .list());
    }

    @Override
    public AuditPage query(TenantId tenant, AuditQuery query) {
        Where where = filters(tenant, query);
        long total = db.read(h -> where.bind(h.createQuery("SELECT count(*) FROM audit_log" + where.sql()))
                .mapTo(Long.class)
                .one());
        List<AuditEntry> entries = db.read(h -> where.bind(h.createQuery(SELECT + where.sql()
                        + " ORDER BY occurred_at DESC, seq DESC LIMIT :limit OFFSET :offset"))
                .bind("limit", query.limit())
                .bind("offset", query.offset())
                .mapTo(AuditRow.class)
                .map(AuditRow::toEntry)
                .list());
        return new AuditPage(entries, total);
    }

    @Override
    public void export(TenantId tenant, AuditQuery query, Consumer<AuditEntry> sink) {
        AuditRow last = null;
        while (true) {
            Where where = filters(tenant, query);
            if (last != null) {
                String at = where.param(last.occurredAt());
                where.and("(occurred_at > " + at + " OR (occurred_at = " + at + " AND seq > "
                        + where.param(last.seq()) + "))");
            }
            List<AuditRow> chunk = db.read(h -> where.bind(h.createQuery(SELECT + where.sql()
                            + " ORDER BY occurred_at, seq LIMIT " + EXPORT_CHUNK))
                    .mapTo(AuditRow.class)
                    .list());
            chunk.forEach(row -> sink.accept(row.toEntry()));
            if (chunk.size() < EXPORT_CHUNK) {
                return;
            }
            last = chunk.get(chunk.size() - 1);
        }
    }

    @Override
    public int purgeNonPacket(TenantId tenant, Instant before) {
        return db.write(h -> h.createUpdate("DELETE FROM audit_log WHERE tenant_id = :tenant "
                        + "AND resource <> 'packet' AND occurred_at < :before")
                .bind("tenant", tenant.value())
                .bind("before", Micros.of(before))
                .execute());
    }

    private static Where filters(TenantId tenant, AuditQuery query) {
        Where where = new Where();
        where.and("tenant_id = " + where.param(tenant.value()));
        if (query.resource() != null) {
            where.and("resource = " + where.param(query.resource().wireName()));
        }
        if (query.actor() != null) {
            where.and("actor = " + where.param(query.actor()));
        }
        if (query.action() != null) {
            where.and("action = " + where.param(query.action()));
        }
        if (query.packetId() != null) {
            where.and("packet_id = " + where.param(query.packetId().value()));
        }
        if (query.createdAfter() != null) {
            where.and("occurred_at >= " + where.param(Micros.of(query.createdAfter())));
        }
        if (query.createdBefore() != null) {
            where.and("occurred_at <= " + where.param(Micros.of(query.createdBefore())));
        }
        return where;
    }

    /** One row of {@code audit_log}. */
    record AuditRow(long seq, String id, String tenantId, String resource, String resourceId, String packetId,
                    String action, String actor, String details, long occurredAt, String apiKeyId) {
        AuditEntry toEntry() {
            return new AuditEntry(UUID.fromString(id), new TenantId(tenantId),
                    AuditResource.fromWire(resource).orElseThrow(), resourceId,
                    packetId == null ? null : new PacketId(UUID.fromString(packetId)), action, actor,
                    JsonColumns.readObject(details), Micros.toInstant(occurredAt),
                    apiKeyId == null ? null : new ApiKeyId(UUID.fromString(apiKeyId)));
        }
    }
}
