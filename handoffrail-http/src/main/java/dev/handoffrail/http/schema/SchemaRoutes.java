package dev.handoffrail.http.schema;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.packet.Uuids;
import dev.handoffrail.core.port.in.ManageSchemasUseCase.SchemaPage;
import dev.handoffrail.core.schema.SchemaDefinition;
import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.http.route.ApiRequest;
import dev.handoffrail.http.route.BodyLimit;
import dev.handoffrail.http.route.JsonFields;
import dev.handoffrail.http.route.Reply;
import dev.handoffrail.http.route.Route;
import dev.handoffrail.http.route.Routes;
import java.util.LinkedHashMap;
import java.util.Map;

/** The schema registry endpoints of http-api.md §10 (endpoint index 15–17). */
public final class SchemaRoutes {
    static final String SCHEMAS = "/api/v1/schemas";
    private static final int MAX_NAME_LENGTH = 128;

    private final HandoffRail rail;

    public SchemaRoutes(HandoffRail rail) {
        this.rail = rail;
    }

    public void register(Routes routes) {
        routes.add(Route.post(SCHEMAS, Operation.REGISTER_SCHEMA).jsonBody(BodyLimit.DEFAULT), this::register);
        routes.add(Route.get(SCHEMAS, Operation.READ_SCHEMAS), this::list);
        routes.add(Route.get(SCHEMAS + "/{schema_id}", Operation.READ_SCHEMAS), this::get);
    }

    private Reply register(ApiRequest request) {
        JsonFields fields = request.fields();
        fields.requirePresent("name");
        String name = fields.text("name", 1, MAX_NAME_LENGTH);
        Integer version = fields.integer("version");
        if (version != null && version < 1) {
            fields.error("version", "must be at least 1");
        }
        fields.requirePresent("json_schema");
        Map<String, Object> jsonSchema = fields.object("json_schema");
        fields.throwIfAny();
        SchemaDefinition schema = rail.manageSchemas().register(request.caller(), name, version, jsonSchema);
        return Reply.created(json(schema), SCHEMAS + "/" + schema.id());
    }

    private Reply list(ApiRequest request) {
        String name = request.query().string("name").orElse(null);
        int limit = request.query().limit();
        int offset = request.query().offset();
        SchemaPage page = rail.manageSchemas().list(request.caller(), name, limit, offset);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schemas", page.schemas().stream().map(SchemaRoutes::json).toList());
        json.put("total", page.total());
        json.put("limit", limit);
        json.put("offset", offset);
        return Reply.ok(json);
    }

    private Reply get(ApiRequest request) {
        SchemaId id = request.pathId("schema_id", text -> Uuids.parseCanonical(text).map(SchemaId::new),
                text -> Errors.notFound("Schema " + text + " not found"));
        return Reply.ok(json(rail.manageSchemas().get(request.caller(), id)));
    }

    /** The schema representation of §7.8. */
    static Map<String, Object> json(SchemaDefinition schema) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", schema.id().toString());
        json.put("name", schema.name());
        json.put("version", schema.version());
        json.put("tenant_id", schema.tenant().value());
        json.put("json_schema", schema.jsonSchema());
        json.put("created_at", Timestamps.format(schema.createdAt()));
        return json;
    }
}
