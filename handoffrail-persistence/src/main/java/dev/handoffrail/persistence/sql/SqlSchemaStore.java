package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.port.out.SchemaStore;
import dev.handoffrail.core.schema.SchemaDefinition;
import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.core.tenant.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link SchemaStore} on PostgreSQL or SQLite; {@code (tenant, name, version)} is a unique key. Thread-safe. */
final class SqlSchemaStore implements SchemaStore {
    private static final String SELECT = "SELECT id, tenant_id, name, version, json_schema, created_at FROM schemas";

    private final SqlTransactor db;
    private final SqlDialect dialect;

    SqlSchemaStore(SqlTransactor db, SqlDialect dialect) {
        this.db = db;
        this.dialect = dialect;
    }

    @Override
    public boolean insert(SchemaDefinition schema) {
        return db.write(h -> h.createUpdate("INSERT INTO schemas (id, tenant_id, name, version, json_schema, "
                        + "created_at) VALUES (:id, :tenant, :name, :version, " + dialect.json(":schema")
                        + ", :createdAt) ON CONFLICT (tenant_id, name, version) DO NOTHING")
                .bind("id", schema.id().value())
                .bind("tenant", schema.tenant().value())
                .bind("name", schema.name())
                .bind("version", schema.version())
                .bind("schema", JsonColumns.write(schema.jsonSchema()))
                .bind("createdAt", Micros.of(schema.createdAt()))
                .execute()) == 1;
    }

    @Override
    public Optional<SchemaDefinition> find(TenantId tenant, SchemaId id) {
        return db.read(h -> h.createQuery(SELECT + " WHERE id = :id AND tenant_id = :tenant")
                .bind("id", id.value())
                .bind("tenant", tenant.value())
                .mapTo(SchemaRow.class)
                .findOne()
                .map(SchemaRow::toSchema));
    }

    @Override
    public List<SchemaDefinition> list(TenantId tenant, String name, int limit, int offset) {
        Where where = filters(tenant, name);
        return db.read(h -> where.bind(h.createQuery(SELECT + where.sql()
                        + " ORDER BY created_at DESC, version DESC, id DESC LIMIT :limit OFFSET :offset"))
                .bind("limit", limit)
                .bind("offset", offset)
                .mapTo(SchemaRow.class)
                .map(SchemaRow::toSchema)
                .list());
    }

    @Override
    public long count(TenantId tenant, String name) {
        Where where = filters(tenant, name);
        return db.read(h -> where.bind(h.createQuery("SELECT count(*) FROM schemas" + where.sql()))
                .mapTo(Long.class)
                .one());
    }

    private static Where filters(TenantId tenant, String name) {
        Where where = new Where();
        where.and("tenant_id = " + where.param(tenant.value()));
        if (name != null) {
            where.and("name = " + where.param(name));
        }
        return where;
    }

    /** One row of {@code schemas}. */
    record SchemaRow(String id, String tenantId, String name, int version, String jsonSchema, long createdAt) {
        SchemaDefinition toSchema() {
            return new SchemaDefinition(new SchemaId(UUID.fromString(id)), new TenantId(tenantId), name, version,
                    JsonColumns.readObject(jsonSchema), Micros.toInstant(createdAt));
        }
    }
}
