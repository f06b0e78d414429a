package dev.handoffrail.http.schema;

import static dev.handoffrail.http.LiveApi.assertValidation;
import static dev.handoffrail.http.LiveApi.pluck;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.http.LiveApi;
import dev.handoffrail.http.TestResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaEndpointsTest {
    private static final String PAYMENT = "{\"type\": \"object\", \"properties\": {\"custom\": {\"type\": \"object\","
            + " \"required\": [\"amount\"]}}}";

    private LiveApi api;
    private String writer;
    private String reader;

    @BeforeEach
    void start() {
        api = LiveApi.start();
        api.tenant("acme", "pro");
        writer = api.key("acme", "writer");
        reader = api.key("acme", "reader");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private TestResponse register(String body) {
        return api.call(writer, "POST", "/api/v1/schemas", body);
    }

    private long stored() {
        return (Long) api.get(reader, "/api/v1/schemas").json().get("total");
    }

    @Test
    void a_registered_schema_is_returned_and_readable() {
        TestResponse created = register("{\"name\": \"payment-context\", \"json_schema\": " + PAYMENT + "}");

        assertThat(created.status()).isEqualTo(201);
        Map<String, Object> json = created.json();
        String id = (String) json.get("id");
        assertThat(created.header("Location")).isEqualTo("/api/v1/schemas/" + id);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", id);
        expected.put("name", "payment-context");
        expected.put("version", 1L);
        expected.put("tenant_id", "acme");
        expected.put("json_schema", LiveApi.parse(PAYMENT));
        expected.put("created_at", "2026-05-30T12:00:00.000000Z");
        assertThat(json).isEqualTo(expected);
        assertThat(api.get(reader, "/api/v1/schemas/" + id).json()).isEqualTo(expected);
    }

    @Test
    void a_name_and_version_pair_is_unique() {
        register("{\"name\": \"payment\", \"json_schema\": " + PAYMENT + "}");

        TestResponse duplicate = register("{\"name\": \"payment\", \"version\": 1, \"json_schema\": " + PAYMENT + "}");
        TestResponse next = register("{\"name\": \"payment\", \"version\": 2, \"json_schema\": " + PAYMENT + "}");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json()).containsEntry("code", "CONFLICT")
                .containsEntry("detail", "Schema 'payment' version 1 already exists");
        assertThat(next.status()).isEqualTo(201);
        assertThat(next.json()).containsEntry("version", 2L);
        assertThat(stored()).isEqualTo(2);
    }

    @Test
    void a_schema_that_does_not_compile_is_invalid() {
        TestResponse noType = register("{\"name\": \"s\", \"json_schema\": {\"properties\": {}}}");
        TestResponse broken = register("{\"name\": \"s\", \"json_schema\": {\"type\": \"object\","
                + " \"properties\": 5}}");
        TestResponse unknownDraft = register("{\"name\": \"s\", \"json_schema\":"
                + " {\"$schema\": \"https://x.example/s\", \"type\": \"object\"}}");

        assertThat(noType.status()).isEqualTo(400);
        assertThat(noType.json()).containsEntry("code", "INVALID_SCHEMA").containsEntry("field", "json_schema")
                .containsEntry("detail", "json_schema must contain 'type'");
        assertThat(broken.json()).containsEntry("code", "INVALID_SCHEMA")
                .containsEntry("detail", "Invalid JSON Schema: integer found, object expected (at '/properties')");
        assertThat(unknownDraft.json()).containsEntry("code", "INVALID_SCHEMA")
                .containsEntry("detail", "Invalid JSON Schema: unknown $schema 'https://x.example/s'");
        assertThat(stored()).isZero();
    }

    @Test
    void malformed_registrations_are_validation_errors_and_store_nothing() {
        assertValidation(register("{\"json_schema\": " + PAYMENT + "}"), "name", "field is required");
        assertValidation(register("{\"name\": \"s\"}"), "json_schema", "field is required");
        assertValidation(register("{\"name\": \"s\", \"json_schema\": [1]}"), "json_schema", "must be an object");
        assertValidation(register("{\"name\": \"s\", \"version\": 0, \"json_schema\": " + PAYMENT + "}"), "version",
                "must be at least 1");
        assertValidation(register("{\"name\": \"s\", \"version\": \"2\", \"json_schema\": " + PAYMENT + "}"),
                "version", "must be an integer");
        assertThat(register("not json").json()).containsEntry("code", "MALFORMED_JSON");
        TestResponse wrongType = api.client.send("POST", "/api/v1/schemas", "{}", "X-API-Key", writer,
                "Content-Type", "text/plain");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(stored()).isZero();
    }

    @Test
    void readers_read_and_only_writers_register() {
        TestResponse refused = api.call(reader, "POST", "/api/v1/schemas", "{\"name\": \"s\", \"json_schema\": "
                + PAYMENT + "}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json()).containsEntry("detail",
                "Insufficient permissions. Required role: writer, current role: reader");
        assertThat(stored()).isZero();
    }

    @Test
    void the_list_is_newest_first_filtered_by_name_and_paged() {
        register("{\"name\": \"a\", \"json_schema\": " + PAYMENT + "}");
        api.clock.advance(Duration.ofSeconds(1));
        register("{\"name\": \"b\", \"json_schema\": " + PAYMENT + "}");
        api.clock.advance(Duration.ofSeconds(1));
        register("{\"name\": \"a\", \"version\": 2, \"json_schema\": " + PAYMENT + "}");

        Map<String, Object> all = api.get(reader, "/api/v1/schemas").json();
        Map<String, Object> named = api.get(reader, "/api/v1/schemas?name=a&limit=1&offset=1").json();

        assertThat(pluck(list(all), "name")).containsExactly("a", "b", "a");
        assertThat(all).containsEntry("total", 3L).containsEntry("limit", 50L).containsEntry("offset", 0L);
        assertThat(pluck(list(named), "version")).containsExactly(1L);
        assertThat(named).containsEntry("total", 2L).containsEntry("limit", 1L).containsEntry("offset", 1L);
        assertValidation(api.get(reader, "/api/v1/schemas?limit=0"), "limit", "must be an integer between 1 and 200");
    }

    @Test
    void another_tenants_schema_and_malformed_ids_are_not_found() {
        api.tenant("other", "pro");
        String otherWriter = api.key("other", "writer");
        String foreign = (String) api.call(otherWriter, "POST", "/api/v1/schemas", "{\"name\": \"theirs\","
                + " \"json_schema\": " + PAYMENT + "}").json().get("id");

        TestResponse crossTenant = api.get(reader, "/api/v1/schemas/" + foreign);
        TestResponse malformed = api.get(reader, "/api/v1/schemas/nope");

        assertThat(crossTenant.status()).isEqualTo(404);
        assertThat(crossTenant.json()).containsEntry("code", "NOT_FOUND")
                .containsEntry("detail", "Schema " + foreign + " not found");
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(stored()).isZero();
    }

    @Test
    void a_packet_bound_to_a_schema_must_satisfy_it() {
        String schemaId = (String) register("{\"name\": \"payment\", \"json_schema\": " + PAYMENT + "}").json()
                .get("id");

        TestResponse refused = api.call(writer, "POST", "/api/v1/packets", LiveApi.packetBody("a", "b",
                ", \"schema_id\": \"" + schemaId + "\""));
        TestResponse accepted = api.call(writer, "POST", "/api/v1/packets", LiveApi.packetBody("a", "b",
                ", \"schema_id\": \"" + schemaId + "\"").replace("\"Customer wants an upgrade\"}",
                "\"Customer wants an upgrade\", \"custom\": {\"amount\": 5}}"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json()).containsEntry("code", "SCHEMA_VALIDATION_FAILED")
                .containsEntry("detail", "Context validation failed: 'amount' is a required property (at 'custom')")
                .containsEntry("field", "context.custom")
                .containsEntry("errors", List.of(Map.of("field", "context.custom",
                        "message", "'amount' is a required property")));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.json()).containsEntry("schema_id", schemaId);
        assertThat(api.get(reader, "/api/v1/packets").json()).containsEntry("total", 1L);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> page) {
        return (List<Object>) page.get("schemas");
    }
}
