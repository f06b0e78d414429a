package dev.handoffrail.core.port.out;

import dev.handoffrail.core.schema.SchemaDefinition;
import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.core.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/** Registered context schemas; immutable once stored. Thread-safe; joins the ambient transaction. */
public interface SchemaStore {
    /** Stores a schema; returns false (storing nothing) when the tenant already has that name and version. */
    boolean insert(SchemaDefinition schema);

    Optional<SchemaDefinition> find(TenantId tenant, SchemaId id);

    /** The tenant's schemas, optionally of one name, newest first. */
    List<SchemaDefinition> list(TenantId tenant, String name, int limit, int offset);

    long count(TenantId tenant, String name);
}
