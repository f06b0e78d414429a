package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.statement.SqlStatement;

/** {@link TenantStore} on PostgreSQL or SQLite; soft-deleted tenants stay in the table. Thread-safe. */
final class SqlTenantStore implements TenantStore {
    private static final String SELECT = "SELECT id, name, tier, handoffs_per_day_override, max_api_keys_override, "
            + "created_at, updated_at, deleted_at FROM tenants";

    private final SqlTransactor db;

    SqlTenantStore(SqlTransactor db) {
        this.db = db;
    }

    @Override
    public void insert(Tenant tenant) {
        db.write(h -> bind(h.createUpdate("INSERT INTO tenants (id, name, name_key, tier, handoffs_per_day_override, "
                + "max_api_keys_override, created_at, updated_at, deleted_at) VALUES (:id, :name, :nameKey, :tier, "
                + ":handoffs, :maxKeys, :createdAt, :updatedAt, :deletedAt)"), tenant).execute());
    }

    @Override
    public Optional<Tenant> find(TenantId id) {
        return db.read(h -> h.createQuery(SELECT + " WHERE id = :id")
                .bind("id", id.value())
                .mapTo(TenantRow.class)
                .findOne()
                .map(TenantRow::toTenant));
    }

    @Override
    public List<Tenant> listActive() {
        return db.read(h -> h.createQuery(SELECT + " WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC")
                .mapTo(TenantRow.class)
                .map(TenantRow::toTenant)
                .list());
    }

    @Override
    public void update(Tenant tenant) {
        db.write(h -> bind(h.createUpdate("UPDATE tenants SET name = :name, name_key = :nameKey, tier = :tier, "
                + "handoffs_per_day_override = :handoffs, max_api_keys_override = :maxKeys, created_at = :createdAt, "
                + "updated_at = :updatedAt, deleted_at = :deletedAt WHERE id = :id"), tenant).execute());
    }

    @Override
    public boolean activeNameTaken(String name, TenantId except) {
        return db.read(h -> h.createQuery("SELECT count(*) FROM tenants WHERE name_key = :nameKey "
                        + "AND deleted_at IS NULL AND id <> :except")
                .bind("nameKey", nameKey(name))
                .bind("except", except == null ? "" : except.value())
                .mapTo(Long.class)
                .one() > 0);
    }

    /** Case-folded as {@link String#equalsIgnoreCase} compares: upper case, then lower case. */
    private static String nameKey(String name) {
        return name.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static <S extends SqlStatement<S>> S bind(S statement, Tenant tenant) {
        return statement.bind("id", tenant.id().value())
                .bind("name", tenant.name())
                .bind("nameKey", nameKey(tenant.name()))
                .bind("tier", tenant.tier().wireName())
                .bind("handoffs", tenant.handoffsPerDayOverride())
                .bind("maxKeys", tenant.maxApiKeysOverride())
                .bind("createdAt", Micros.of(tenant.createdAt()))
                .bind("updatedAt", Micros.of(tenant.updatedAt()))
                .bind("deletedAt", Micros.of(tenant.deletedAt()));
    }

    /** One row of {@code tenants}. */
    record TenantRow(String id, String name, String tier, Integer handoffsPerDayOverride, Integer maxApiKeysOverride,
                     long createdAt, long updatedAt, Long deletedAt) {
        Tenant toTenant() {
            return new Tenant(new TenantId(id), name, Tier.fromWire(tier).orElseThrow(), handoffsPerDayOverride,
                    maxApiKeysOverride, Micros.toInstant(createdAt), Micros.toInstant(updatedAt),
                    Micros.toInstant(deletedAt));
        }
    }
}
