package dev.handoffrail.http.docs;

import static dev.handoffrail.http.LiveApi.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.http.LiveApi;
import dev.handoffrail.http.TestResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real responses of the main endpoints validate against the schemas the document gives for them. */
class ResponsesMatchTheDocumentTest {
    private static final String HOOK_BODY =
            "{\"url\": \"https://hooks.example.com/h\", \"secret\": \"whsec_4f1d0c9e8b7a6a5b4c3d\"}";
    private static final OpenApiDocument DOCUMENT = new OpenApiDocument();
    private static LiveApi api;
    private static String admin;
    private static String writer;
    private static String agent;

    @BeforeAll
    static void start() {
        api = LiveApi.start();
        api.tenant("acme", "business");
        admin = api.key("acme", "admin");
        writer = api.key("acme", "writer");
        agent = api.key("acme", "agent");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static TestResponse conforms(TestResponse response, String method, String template) {
        assertThat(DOCUMENT.validate(method, template, response.status(), response.body()))
                .as(method + " " + template + " -> " + response).isEmpty();
        return response;
    }

    private static TestResponse call(String key, String method, String path, String template, String body) {
        return conforms(api.call(key, method, path, body), method, template);
    }

    @Test
    void packet_responses_conform() {
        String full = LiveApi.packetBody("sales", "billing", ", \"decisions\": [{\"id\": \"d1\", \"decision\": \"Go\","
                + " \"rationale\": \"ok\"}], \"actions\": {\"pending\": [{\"id\": \"a1\", \"description\": \"x\","
                + " \"assignee\": \"billing\", \"priority\": \"high\"}]}, \"dependencies\": [{\"id\": \"s\", \"type\":"
                + " \"api\", \"description\": \"Stripe\"}], \"metadata\": {\"source_agent\": {\"id\": \"sales\","
                + " \"name\": \"S\", \"framework\": \"langchain\"}, \"target_agent\": {\"id\": \"billing\", \"name\":"
                + " \"B\"}, \"tags\": [\"upgrade\"]}");
        TestResponse created = call(writer, "POST", "/api/v1/packets", "/api/v1/packets", full);
        String id = (String) created.json().get("id");
        String packet = "/api/v1/packets/{packet_id}";

        call(writer, "GET", "/api/v1/packets?limit=1", "/api/v1/packets", null);
        call(writer, "GET", "/api/v1/packets/" + id, packet, null);
        call(writer, "GET", "/api/v1/packets/search?q=customer", "/api/v1/packets/search", null);
        call(writer, "GET", "/api/v1/packets/awaiting", "/api/v1/packets/awaiting", null);
        call(agent, "POST", "/api/v1/packets/" + id + "/claim", packet + "/claim",
                "{\"agent_id\": \"billing\", \"agent_name\": \"B\"}");
        call(agent, "POST", "/api/v1/packets/" + id + "/claim", packet + "/claim",
                "{\"agent_id\": \"billing\", \"agent_name\": \"B\"}");
        call(agent, "PATCH", "/api/v1/packets/" + id, packet, "{\"status\": \"in_progress\"}");
        call(agent, "PATCH", "/api/v1/packets/" + id, packet, "{\"status\": \"claimed\"}");
        call(writer, "GET", "/api/v1/packets/" + id + "/history", packet + "/history", null);
        call(writer, "POST", "/api/v1/packets/" + id + "/chain", packet + "/chain",
                LiveApi.packetBody("billing", "ops", ""));
        String hitl = (String) call(writer, "POST", "/api/v1/packets", "/api/v1/packets", LiveApi.packetBody("a", "b",
                ", \"hitl\": {\"reason\": \"Refund\", \"options\": [\"Approve\"], \"timeout_seconds\": 60}"))
                .json().get("id");
        call(agent, "POST", "/api/v1/packets/" + hitl + "/respond", packet + "/respond",
                "{\"response\": \"Approve\", \"responded_by\": \"m@example.com\"}");
        call(writer, "POST", "/api/v1/packets/batch", "/api/v1/packets/batch",
                "{\"packets\": [" + LiveApi.packetBody("a", "b", "") + ", {\"metadata\": {}}]}");
        call(agent, "POST", "/api/v1/packets/batch/claim", "/api/v1/packets/batch/claim",
                "{\"packet_ids\": [\"" + id + "\"], \"agent_id\": \"x\", \"agent_name\": \"X\"}");
        call(agent, "POST", "/api/v1/packets/batch/complete", "/api/v1/packets/batch/complete",
                "{\"packet_ids\": [\"" + id + "\"]}");
        call(agent, "POST", "/api/v1/packets/claim-next", "/api/v1/packets/claim-next",
                "{\"agent_id\": \"b\", \"agent_name\": \"B\"}");
        call(writer, "GET", "/api/v1/packets/7c0e0000-0000-4000-8000-000000000000", packet, null);
        call(writer, "POST", "/api/v1/packets", "/api/v1/packets", "{\"metadata\": 1}");
    }

    @Test
    void schema_webhook_and_audit_responses_conform() {
        String schema = (String) call(writer, "POST", "/api/v1/schemas", "/api/v1/schemas",
                "{\"name\": \"s\", \"json_schema\": {\"type\": \"object\"}}").json().get("id");
        call(writer, "GET", "/api/v1/schemas", "/api/v1/schemas", null);
        call(writer, "GET", "/api/v1/schemas/" + schema, "/api/v1/schemas/{schema_id}", null);
        call(writer, "POST", "/api/v1/schemas", "/api/v1/schemas", "{\"name\": \"s\", \"json_schema\": {}}");

        String hook = (String) call(writer, "POST", "/api/v1/hooks", "/api/v1/hooks", HOOK_BODY).json().get("id");
        api.packet(writer, "a", "b");
        api.transport.status = 500;
        api.rail.webhookDispatcher().runOnce();
        call(writer, "GET", "/api/v1/hooks", "/api/v1/hooks", null);
        call(writer, "GET", "/api/v1/hooks/" + hook + "/deliveries", "/api/v1/hooks/{webhook_id}/deliveries", null);
        api.clock.advance(java.time.Duration.ofHours(1));
        api.rail.webhookDispatcher().runOnce();
        List<Object> dlq = call(writer, "GET", "/api/v1/hooks/dlq", "/api/v1/hooks/dlq", null).jsonArray();
        api.transport.status = 200;
        String delivery = (String) LiveApi.map(dlq.get(0)).get("id");
        call(writer, "POST", "/api/v1/hooks/dlq/" + delivery + "/replay", "/api/v1/hooks/dlq/{delivery_id}/replay",
                null);
        call(admin, "POST", "/api/v1/hooks/dlq/retry-all", "/api/v1/hooks/dlq/retry-all", null);
        call(writer, "DELETE", "/api/v1/hooks/" + hook, "/api/v1/hooks/{webhook_id}", null);

        call(writer, "GET", "/api/v1/audit?resource=all", "/api/v1/audit", null);
        call(writer, "GET", "/api/v1/audit?resource=nope", "/api/v1/audit", null);
        call(writer, "GET", "/api/v1/stats", "/api/v1/stats", null);
    }

    @Test
    void key_tenant_and_system_responses_conform() {
        Map<String, Object> key = call(admin, "POST", "/api/v1/keys", "/api/v1/keys",
                "{\"name\": \"k\", \"role\": \"agent\"}").json();
        call(admin, "GET", "/api/v1/keys", "/api/v1/keys", null);
        call(admin, "POST", "/api/v1/keys/" + key.get("id") + "/rotate", "/api/v1/keys/{key_id}/rotate", null);
        call(admin, "DELETE", "/api/v1/keys/" + key.get("id"), "/api/v1/keys/{key_id}", null);
        call(writer, "GET", "/api/v1/keys", "/api/v1/keys", null);

        call(ROOT, "POST", "/api/v1/tenants", "/api/v1/tenants", "{\"name\": \"Docs\", \"id\": \"docs\"}");
        call(ROOT, "GET", "/api/v1/tenants", "/api/v1/tenants", null);
        call(ROOT, "GET", "/api/v1/tenants/docs", "/api/v1/tenants/{tenant_id}", null);
        call(ROOT, "PATCH", "/api/v1/tenants/docs", "/api/v1/tenants/{tenant_id}", "{\"max_api_keys\": 2}");
        call(ROOT, "GET", "/api/v1/tenants/acme/keys", "/api/v1/tenants/{tenant_id}/keys", null);
        call(admin, "GET", "/api/v1/tenants", "/api/v1/tenants", null);
        call(ROOT, "GET", "/api/v1/system/health", "/api/v1/system/health", null);

        conforms(api.client.get("/health"), "GET", "/health");
        conforms(api.client.get("/ready"), "GET", "/ready");
        conforms(api.client.get("/api/v1/stats"), "GET", "/api/v1/stats");
    }

    @Test
    void a_response_breaking_the_document_is_caught() {
        assertThat(DOCUMENT.validate("GET", "/api/v1/stats", 200, "{\"total_packets\": -1}")).isNotEmpty();
        assertThat(DOCUMENT.validate("GET", "/api/v1/keys", 200, "[{\"id\": \"x\"}]")).isNotEmpty();
        String id = api.packet(writer, "a", "b");
        String packet = api.get(writer, "/api/v1/packets/" + id).body();
        String template = "/api/v1/packets/{packet_id}";
        assertThat(DOCUMENT.validate("GET", template, 200, packet)).isEmpty();
        assertThat(DOCUMENT.validate("GET", template, 200, packet.replaceFirst("\"created_at\":\"[^\"]*\"",
                "\"created_at\":\"yesterday\""))).isNotEmpty();
        assertThat(DOCUMENT.validate("GET", template, 200, packet.replaceFirst("\\{", "{\"extra\":1,")))
                .isNotEmpty();
        assertThat(DOCUMENT.validate("DELETE", template, 204, "{}")).isNotEmpty();
    }
}
