package dev.handoffrail.http.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.packet.Uuids;
import dev.handoffrail.core.port.in.ManageSchemasUseCase.SchemaPage;
import dev.handoffrail.core.schema.SchemaDefinition;
import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.http.route.BodyLimit;
import dev.handoffrail.http.route.JsonFields;
import dev.handoffrail.http.route.QueryParams;
import dev.handoffrail.http.route.Requests;
import dev.handoffrail.http.route.Responses;
import dev.handoffrail.http.route.Route;
import dev.handoffrail.http.route.Routes;
import io.javalin.http.Context;
import java.util.List;
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
        routes.add(Route.post(SCHEMAS, Operation.REGISTER_SCHEMA).jsonBody(BodyLimit.DEFAULT), this::registerSchema);
        routes.add(Route.get(SCHEMAS, Operation.READ_SCHEMAS), this::list);
        routes.add(Route.get(SCHEMAS + "/{schema_id}", Operation.READ_SCHEMAS), this::get);
    }

    private void registerSchema(Context ctx) {
        JsonFields fields = Requests.fields(ctx);
        fields.requirePresent("name");
        String name = fields.text("name", 1, MAX_NAME_LENGTH);
        Integer version = fields.integer("version");
        if (version != null && version < 1) {
            fields.error("version", "must be at least 1");
        }
        fields.requirePresent("json_schema");
        Map<String, Object> jsonSchema = fields.object("json_schema");
        fields.throwIfAny();
        SchemaDefinition schema = rail.manageSchemas().register(Requests.caller(ctx), name, version, jsonSchema);
        Responses.created(ctx, SchemaView.of(schema), SCHEMAS + "/" + schema.id());
    }

    private void list(Context ctx) {
        QueryParams query = Requests.query(ctx);
        String name = query.string("name").orElse(null);
        int limit = query.limit();
        int offset = query.offset();
        SchemaPage page = rail.manageSchemas().list(Requests.caller(ctx), name, limit, offset);
        Responses.ok(ctx, new SchemaList(page.schemas().stream().map(SchemaView::of).toList(), page.total(), limit,
                offset));
    }

    private void get(Context ctx) {
        SchemaId id = Requests.pathId(ctx, "schema_id", text -> Uuids.parseCanonical(text).map(SchemaId::new),
                text -> Errors.notFound("Schema " + text + " not found"));
        Responses.ok(ctx, SchemaView.of(rail.manageSchemas().get(Requests.caller(ctx), id)));
    }

    /** The schema representation of §7.8, written in declaration order (the contract's). */
    record SchemaView(String id, String name, int version, @JsonProperty("tenant_id") String tenantId,
                      @JsonProperty("json_schema") Map<String, Object> jsonSchema,
                      @JsonProperty("created_at") String createdAt) {
        static SchemaView of(SchemaDefinition schema) {
            return new SchemaView(schema.id().toString(), schema.name(), schema.version(), schema.tenant().value(),
                    schema.jsonSchema(), Timestamps.format(schema.createdAt()));
        }
    }

    /** A page of schemas with {@code limit} and {@code offset} as applied. */
    record SchemaList(List<SchemaView> schemas, long total, int limit, int offset) {
    }
}
