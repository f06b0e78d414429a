package dev.handoffrail.core.service;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.auth.Permissions;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.packet.FieldMessages;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.port.in.ManageSchemasUseCase;
import dev.handoffrail.core.port.out.AuditLog;
import dev.handoffrail.core.port.out.ContextSchemaValidator;
import dev.handoffrail.core.port.out.SchemaStore;
import dev.handoffrail.core.port.out.Transactor;
import dev.handoffrail.core.schema.SchemaDefinition;
import dev.handoffrail.core.schema.SchemaId;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The context schema registry (http-api.md §10): immutable, versioned JSON Schemas, compiled by the
 * {@link ContextSchemaValidator} port before they are stored. Thread-safe.
 */
public final class SchemaService implements ManageSchemasUseCase {
    /** The driven ports the schema registry uses; {@code schemaValidator} may be null (no JSON Schema support). */
    public record Ports(Transactor transactor, SchemaStore schemas, ContextSchemaValidator schemaValidator,
                        AuditLog audit, Clock clock) {
        public Ports {
            requireNonNull(transactor, "transactor");
            requireNonNull(schemas, "schemas");
            requireNonNull(audit, "audit");
            requireNonNull(clock, "clock");
        }
    }

    static final String UNAVAILABLE = "JSON Schema validation is not available";
    private static final String FIELD = "json_schema";
    private static final int MAX_NAME = 128;

    private final Ports ports;
    private final ResourceAudit audit;

    public SchemaService(Ports ports) {
        this.ports = requireNonNull(ports, "ports");
        this.audit = new ResourceAudit(ports.audit());
    }

    @Override
    public SchemaDefinition register(Caller caller, String name, Integer version, Map<String, Object> jsonSchema) {
        Permissions.require(caller, Operation.REGISTER_SCHEMA);
        InputCheck input = new InputCheck().text("name", name, MAX_NAME).atLeast("version", version, 1);
        if (jsonSchema == null) {
            input.fail(FIELD, FieldMessages.REQUIRED);
        }
        input.storable(FIELD, jsonSchema).orThrow();
        requireCompilable(jsonSchema);
        int number = version == null ? 1 : version;
        SchemaDefinition schema = new SchemaDefinition(SchemaId.random(), caller.tenant(), name, number, jsonSchema,
                Timestamps.micros(ports.clock().instant()));
        ports.transactor().run(() -> {
            if (!ports.schemas().insert(schema)) {
                throw Errors.conflict("Schema '" + name + "' version " + number + " already exists");
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("name", name);
            details.put("version", number);
            audit.record(caller, caller.tenant(), AuditResource.SCHEMA, schema.id(), "schema.created", details,
                    schema.createdAt());
        });
        return schema;
    }

    @Override
    public SchemaPage list(Caller caller, String name, int limit, int offset) {
        Permissions.require(caller, Operation.READ_SCHEMAS);
        return ports.transactor().inTransaction(() -> new SchemaPage(
                ports.schemas().list(caller.tenant(), name, limit, offset),
                ports.schemas().count(caller.tenant(), name)));
    }

    @Override
    public SchemaDefinition get(Caller caller, SchemaId id) {
        Permissions.require(caller, Operation.READ_SCHEMAS);
        return ports.schemas().find(caller.tenant(), id)
                .orElseThrow(() -> Errors.notFound("Schema " + id + " not found"));
    }

    private void requireCompilable(Map<String, Object> jsonSchema) {
        if (!jsonSchema.containsKey("type")) {
            throw invalidSchema("json_schema must contain 'type'");
        }
        ContextSchemaValidator validator = ports.schemaValidator();
        if (validator == null) {
            throw invalidSchema(UNAVAILABLE);
        }
        String error = validator.compileError(jsonSchema);
        if (error != null) {
            throw invalidSchema("Invalid JSON Schema: " + error);
        }
    }

    private static HandoffRailException invalidSchema(String detail) {
        return new HandoffRailException(ErrorCode.INVALID_SCHEMA, detail, FIELD,
                List.of(new FieldError(FIELD, detail)), Map.of());
    }
}
