package dev.handoffrail.client;

import static dev.handoffrail.client.Transport.segment;

import dev.handoffrail.client.Transport.Call;
import dev.handoffrail.client.model.Schema;
import dev.handoffrail.client.model.SchemaPage;
import java.util.LinkedHashMap;
import java.util.Map;

/** The schema registry (http-api.md §10). Thread-safe. */
public final class SchemasApi {
    private static final String SCHEMAS = "/api/v1/schemas";

    private final Transport transport;

    SchemasApi(Transport transport) {
        this.transport = transport;
    }

    /** {@code POST /schemas}; {@code version} null means 1. Schemas are immutable: publish a new version. */
    public Schema create(String name, Integer version, Map<String, Object> jsonSchema) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("version", version);
        body.put("json_schema", jsonSchema);
        return transport.call(Call.send("POST", SCHEMAS, body), Schema.class);
    }

    /** {@code GET /schemas}, newest first; {@code name} null lists every name. */
    public SchemaPage list(String name, int limit, int offset) {
        return transport.call(Call.get(SCHEMAS).param("name", name).param("limit", limit).param("offset", offset),
                SchemaPage.class);
    }

    /** {@code GET /schemas/{id}}. */
    public Schema get(String id) {
        return transport.call(Call.get(SCHEMAS + "/" + segment(id)), Schema.class);
    }
}
