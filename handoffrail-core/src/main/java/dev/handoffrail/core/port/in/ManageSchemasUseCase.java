package dev.handoffrail.core.port.in;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.schema.SchemaDefinition;
import dev.handoffrail.core.schema.SchemaId;
import java.util.List;
import java.util.Map;

/** The context schema registry (http-api.md §10). */
public interface ManageSchemasUseCase {
    /** {@code version} null means 1. */
    SchemaDefinition register(Caller caller, String name, Integer version, Map<String, Object> jsonSchema);

    SchemaPage list(Caller caller, String name, int limit, int offset);

    SchemaDefinition get(Caller caller, SchemaId id);

    record SchemaPage(List<SchemaDefinition> schemas, long total) {
    }
}
