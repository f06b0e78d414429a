package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every served endpoint once, through the real application on each database, so that the SQL adapters and the
 * HTTP layer are proven together (the HTTP suites themselves run on the in-memory adapters).
 */
class EveryEndpointEndToEndTest {
    private static final String ADMIN_KEY = "hr_everyEndpointBootstrapKey_0123456789ab";
    private static final String PACKET = """
            {"metadata": {"source_agent": {"id": "sales-01", "name": "SalesBot"},
                          "target_agent": {"id": "billing-01", "name": "BillingBot"}, "tags": ["upgrade"]},
             "context": {"summary": "Customer wants to upgrade the subscription",
                         "conversation_state": [{"role": "user", "content": "upgrade please"}]}}""";
    private static final String HITL_PACKET = """
            {"metadata": {"source_agent": {"id": "sales-01", "name": "SalesBot"},
                          "target_agent": {"id": "billing-01", "name": "BillingBot"}},
             "context": {"summary": "Refund needs approval"},
             "hitl": {"reason": "Refund exceeds policy", "options": ["Approve", "Deny"]}}""";
    private static final String CLAIMANT = "{\"agent_id\": \"billing-01\", \"agent_name\": \"BillingBot\"}";

    @TempDir
    Path dir;

    @Test
    void every_endpoint_answers_on_sqlite() throws Exception {
        tour("sqlite:///" + dir.resolve("tour.db"));
    }

    @Test
    void every_endpoint_answers_on_postgresql() throws Exception {
        try (LocalPostgres database = LocalPostgres.createOrSkip()) {
            tour(database.url());
        }
    }

    private void tour(String databaseUrl) throws Exception {
        Map<String, String> env = Map.of("HR_DATABASE_URL", databaseUrl, "HR_PORT", String.valueOf(freePort()),
                "HR_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY, "HR_LOG_LEVEL", "error", "HR_SHUTDOWN_GRACE_SECONDS", "3",
                "HR_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
        try (Application app = Application.start(AppConfig.fromEnv(env), ApplicationEndToEndTest.quietBanner())) {
            ApiClient admin = new ApiClient(app.port(), ADMIN_KEY);
            packets(admin);
            administration(admin, app.port());
        }
    }

    private static void packets(ApiClient api) throws Exception {
        String first = created(api.send("POST", "/api/v1/packets", PACKET));
        String second = created(api.send("POST", "/api/v1/packets", PACKET));

        JsonNode page = ok(api.get("/api/v1/packets?limit=1&offset=0"));
        assertThat(page.get("total").asInt()).isEqualTo(2);
        assertThat(page.get("packets").get(0).get("id").asText()).isEqualTo(second);
        JsonNode next = ok(api.get("/api/v1/packets?limit=1&offset=0&cursor=" + page.get("next_cursor").asText()));
        assertThat(next.get("packets").get(0).get("id").asText()).isEqualTo(first);
        assertThat(next.get("next_cursor").isNull()).isTrue();

        assertThat(ok(api.get("/api/v1/packets/search?q=upgrading")).get("total").asInt()).isEqualTo(2);
        assertThat(ok(api.get("/api/v1/packets/" + first)).get("status").asText()).isEqualTo("created");

        JsonNode claimed = ok(api.send("POST", "/api/v1/packets/" + first + "/claim", CLAIMANT));
        assertThat(claimed.get("status").asText()).isEqualTo("claimed");
        assertThat(api.send("POST", "/api/v1/packets/" + first + "/claim", CLAIMANT).status()).isEqualTo(409);
        JsonNode patched = ok(api.send("PATCH", "/api/v1/packets/" + first,
                "{\"status\": \"in_progress\", \"decisions\": [{\"id\": \"d1\", \"decision\": \"go\", "
                        + "\"rationale\": \"eligible\"}]}"));
        assertThat(patched.get("decisions").size()).isEqualTo(1);

        JsonNode nextClaimed = ok(api.send("POST", "/api/v1/packets/claim-next", CLAIMANT));
        assertThat(nextClaimed.get("id").asText()).isEqualTo(second);
        assertThat(api.send("POST", "/api/v1/packets/claim-next", CLAIMANT).status()).isEqualTo(204);

        JsonNode completed = ok(api.send("POST", "/api/v1/packets/batch/complete",
                "{\"packet_ids\": [\"" + first + "\", \"" + second + "\"]}"));
        assertThat(completed.get("completed").size()).isEqualTo(2);

        String child = created(api.send("POST", "/api/v1/packets/" + first + "/chain", PACKET));
        assertThat(ok(api.get("/api/v1/packets/" + child)).get("context").get("conversation_state").size())
                .isEqualTo(2);

        ApiClient.Reply batch = api.send("POST", "/api/v1/packets/batch",
                "{\"packets\": [" + PACKET + ", {\"metadata\": {}}]}");
        assertThat(batch.status()).isEqualTo(201);
        assertThat(batch.body().get("created").size()).isEqualTo(1);
        assertThat(batch.body().get("errors").get(0).get("index").asInt()).isEqualTo(1);
        String batched = batch.body().get("created").get(0).get("id").asText();
        JsonNode batchClaim = ok(api.send("POST", "/api/v1/packets/batch/claim",
                "{\"packet_ids\": [\"" + batched + "\"], \"agent_id\": \"billing-01\", \"agent_name\": \"B\"}"));
        assertThat(batchClaim.get("claimed").size()).isEqualTo(1);

        String awaiting = created(api.send("POST", "/api/v1/packets", HITL_PACKET));
        assertThat(ok(api.get("/api/v1/packets/awaiting")).get("total").asInt()).isEqualTo(1);
        JsonNode responded = ok(api.send("POST", "/api/v1/packets/" + awaiting + "/respond",
                "{\"response\": \"Approve\", \"responded_by\": \"manager@example.com\"}"));
        assertThat(responded.get("hitl").get("response").asText()).isEqualTo("Approve");

        assertThat(api.send("DELETE", "/api/v1/packets/" + child, "").status()).isEqualTo(204);
        assertThat(api.send("DELETE", "/api/v1/packets/" + child, "").status()).isEqualTo(409);
        assertThat(ok(api.get("/api/v1/packets/" + first + "/history")).get("events").size()).isEqualTo(5);
    }

    private static void administration(ApiClient admin, int port) throws Exception {
        String schema = created(admin.send("POST", "/api/v1/schemas",
                "{\"name\": \"ctx\", \"json_schema\": {\"type\": \"object\"}}"));
        assertThat(ok(admin.get("/api/v1/schemas")).get("total").asInt()).isEqualTo(1);
        assertThat(ok(admin.get("/api/v1/schemas/" + schema)).get("name").asText()).isEqualTo("ctx");

        String hook = created(admin.send("POST", "/api/v1/hooks",
                "{\"url\": \"http://127.0.0.1:9/hook\", \"secret\": \"whsec_tour_secret_value\"}"));
        assertThat(ok(admin.get("/api/v1/hooks")).size()).isEqualTo(1);
        assertThat(ok(admin.get("/api/v1/hooks/" + hook + "/deliveries")).isArray()).isTrue();
        assertThat(ok(admin.get("/api/v1/hooks/dlq")).isArray()).isTrue();
        assertThat(ok(admin.send("POST", "/api/v1/hooks/dlq/retry-all", "")).get("retried").asInt()).isZero();
        String unknownDelivery = "/api/v1/hooks/dlq/00000000-0000-4000-8000-000000000000/replay";
        assertThat(admin.send("POST", unknownDelivery, "").status()).isEqualTo(404);
        assertThat(admin.send("DELETE", "/api/v1/hooks/" + hook, "").status()).isEqualTo(204);

        String tenant = created(admin.send("POST", "/api/v1/tenants", "{\"name\": \"Acme\", \"id\": \"acme\"}"));
        assertThat(ok(admin.get("/api/v1/tenants")).size()).isEqualTo(2);
        assertThat(ok(admin.send("PATCH", "/api/v1/tenants/" + tenant, "{\"tier\": \"pro\"}")).get("tier").asText())
                .isEqualTo("pro");
        ApiClient.Reply key = admin.send("POST", "/api/v1/keys",
                "{\"name\": \"acme-admin\", \"role\": \"admin\", \"tenant_id\": \"acme\"}");
        assertThat(key.status()).isEqualTo(201);
        String keyId = key.body().get("id").asText();
        ApiClient acme = new ApiClient(port, key.body().get("key").asText());
        assertThat(ok(acme.get("/api/v1/packets")).get("total").asInt()).isZero();
        assertThat(ok(admin.get("/api/v1/tenants/acme")).get("tier").asText()).isEqualTo("pro");
        assertThat(ok(admin.get("/api/v1/tenants/acme/keys")).size()).isEqualTo(1);
        JsonNode rotated = created(admin.send("POST", "/api/v1/keys/" + keyId + "/rotate", ""), "id");
        assertThat(acme.get("/api/v1/packets").status()).isEqualTo(401);
        assertThat(admin.send("DELETE", "/api/v1/keys/" + rotated.asText(), "").status()).isEqualTo(204);
        assertThat(ok(admin.get("/api/v1/keys")).size()).isEqualTo(1);
        assertThat(admin.send("DELETE", "/api/v1/tenants/acme", "").status()).isEqualTo(204);

        assertThat(ok(admin.get("/api/v1/audit?resource=all")).get("total").asInt()).isPositive();
        assertThat(admin.text("/api/v1/audit/export?format=csv"))
                .startsWith("id,timestamp,resource,resource_id,packet_id,action,actor,api_key_id,details");
        assertThat(ok(admin.get("/api/v1/stats")).get("total_packets").asInt()).isEqualTo(5);
        assertThat(ok(admin.get("/api/v1/system/health")).get("total_packets").asInt()).isEqualTo(5);
    }

    private static JsonNode ok(ApiClient.Reply reply) {
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(200);
        return reply.body();
    }

    private static String created(ApiClient.Reply reply) {
        return created(reply, "id").asText();
    }

    private static JsonNode created(ApiClient.Reply reply, String member) {
        assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(201);
        return reply.body().get(member);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
