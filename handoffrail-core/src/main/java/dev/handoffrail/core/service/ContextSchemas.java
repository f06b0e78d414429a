package dev.handoffrail.core.service;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.PacketRepresentation;
import dev.handoffrail.core.port.out.ContextSchemaValidator;
import dev.handoffrail.core.schema.SchemaDefinition;
import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.core.tenant.TenantId;
import java.util.List;
import java.util.Map;

/** Checks a packet context against a bound schema of the tenant (http-api.md §7.1, §10.1). Thread-safe. */
final class ContextSchemas {
    private final PacketService.Ports ports;

    ContextSchemas(PacketService.Ports ports) {
        this.ports = ports;
    }

    /**
     * {@code 400 SCHEMA_NOT_FOUND} when {@code schemaId} names no schema of the tenant, {@code 400
     * SCHEMA_VALIDATION_FAILED} when {@code context} does not satisfy it.
     */
    void check(TenantId tenant, SchemaId schemaId, PacketContext context) {
        SchemaDefinition schema = ports.schemas().find(tenant, schemaId)
                .orElseThrow(() -> new HandoffRailException(ErrorCode.SCHEMA_NOT_FOUND,
                        "Schema " + schemaId + " not found", "schema_id", List.of(), Map.of()));
        ContextSchemaValidator validator = ports.schemaValidator();
        if (validator == null) {
            // without a validator no schema can be registered; one stored elsewhere cannot be checked here
            return;
        }
        List<FieldError> errors = validator.validate(schema.jsonSchema(), PacketRepresentation.contextJson(context));
        if (!errors.isEmpty()) {
            FieldError first = errors.get(0);
            throw new HandoffRailException(ErrorCode.SCHEMA_VALIDATION_FAILED, "Context validation failed: "
                    + first.message() + " (at '" + pathInContext(first.field()) + "')", first.field(), errors,
                    Map.of());
        }
    }

    /** {@code context.custom.amount} → {@code custom.amount}; the context itself → the empty path. */
    private static String pathInContext(String field) {
        if (field.equals("context")) {
            return "";
        }
        return field.startsWith("context.") ? field.substring("context.".length()) : field;
    }
}
