package dev.handoffrail.core.memory;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.port.out.SchemaStore;
import dev.handoffrail.core.schema.SchemaDefinition;
import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.core.tenant.TenantId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Registered context schemas held in memory. Thread-safe; joins the {@link InMemoryTransactor}. */
public final class InMemorySchemaStore implements SchemaStore {
    private static final Comparator<SchemaDefinition> NEWEST_FIRST = Comparator
            .comparing(SchemaDefinition::createdAt)
            .thenComparingInt(SchemaDefinition::version)
            .thenComparing(s -> s.id().toString())
            .reversed();

    private final InMemoryTransactor transactor;
    private final Table<SchemaId, SchemaDefinition> schemas;

    public InMemorySchemaStore(InMemoryTransactor transactor) {
        this.transactor = requireNonNull(transactor, "transactor");
        this.schemas = new Table<>(transactor);
    }

    @Override
    public boolean insert(SchemaDefinition schema) {
        return transactor.inTransaction(() -> {
            boolean taken = schemas.rows().anyMatch(s -> s.tenant().equals(schema.tenant())
                    && s.name().equals(schema.name()) && s.version() == schema.version());
            if (taken) {
                return false;
            }
            schemas.insert(schema.id(), schema);
            return true;
        });
    }

    @Override
    public Optional<SchemaDefinition> find(TenantId tenant, SchemaId id) {
        return transactor.inTransaction(() -> schemas.get(id).filter(s -> s.tenant().equals(tenant)));
    }

    @Override
    public List<SchemaDefinition> list(TenantId tenant, String name, int limit, int offset) {
        return transactor.inTransaction(() -> schemas.rows().filter(of(tenant, name)).sorted(NEWEST_FIRST)
                .skip(offset).limit(limit).toList());
    }

    @Override
    public long count(TenantId tenant, String name) {
        return transactor.inTransaction(() -> schemas.rows().filter(of(tenant, name)).count());
    }

    private static Predicate<SchemaDefinition> of(TenantId tenant, String name) {
        return s -> s.tenant().equals(tenant) && (name == null || s.name().equals(name));
    }
}
