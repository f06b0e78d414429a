package dev.handoffrail.client.model;

import java.time.Instant;
import java.util.Map;

/** A registered JSON Schema for packet contexts (http-api.md §7.8). Immutable on the server too. */
public record Schema(String id, String name, int version, String tenantId, Map<String, Object> jsonSchema,
                     Instant createdAt) {
    public Schema {
        jsonSchema = Copies.map(jsonSchema);
    }
}
