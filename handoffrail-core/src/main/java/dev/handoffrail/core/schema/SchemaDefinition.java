package dev.handoffrail.core.schema;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.packet.JsonValues;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.Map;

/** An immutable, versioned JSON Schema that packet contexts can be bound to; {@code (name, version)} is unique. */
public record SchemaDefinition(SchemaId id, TenantId tenant, String name, int version, Map<String, Object> jsonSchema,
                               Instant createdAt) {
    public SchemaDefinition {
        requireNonNull(id, "id");
        requireNonNull(tenant, "tenant");
        requireNonNull(name, "name");
        requireNonNull(createdAt, "createdAt");
        jsonSchema = JsonValues.immutableObject(jsonSchema);
    }
}
