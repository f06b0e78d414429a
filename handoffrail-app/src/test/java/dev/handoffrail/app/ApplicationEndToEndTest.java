package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real application, started as `java -jar` would, on SQLite and on PostgreSQL. */
class ApplicationEndToEndTest {
    private static final String ADMIN_KEY = "hr_endToEndBootstrapKey_0123456789abcdef";
    private static final String PACKET = """
            {"metadata": {"source_agent": {"id": "sales-01", "name": "SalesBot"},
                          "target_agent": {"id": "billing-01", "name": "BillingBot"}, "priority": "high"},
             "context": {"summary": "Customer wants to upgrade to the business plan"}}""";

    @TempDir
    Path dir;

    @Test
    void on_sqlite_a_handoff_runs_end_to_end_and_survives_a_restart() throws Exception {
        Map<String, String> env = env("sqlite:///" + dir.resolve("rail.db"));
        String packetId;
        try (Application app = Application.start(AppConfig.fromEnv(env), quietBanner())) {
            packetId = completeOneHandoff(app.port());
            String metrics = new ApiClient(app.port(), null).text("/metrics");
            assertThat(metrics).contains("handoffrail_handoffs_total{tenant_id=\"default\"} 1.0")
                    .contains("handoffrail_packet_status_count{status=\"completed\"} 1.0")
                    .contains("hikaricp_connections").contains("jvm_memory_used_bytes");
            assertThat(new ApiClient(app.port(), ADMIN_KEY).get("/api/v1/system/health").body()
                    .get("database_backend").asText()).isEqualTo("sqlite");
        }
        try (Application restarted = Application.start(AppConfig.fromEnv(env), quietBanner())) {
            ApiClient.Reply packet = new ApiClient(restarted.port(), ADMIN_KEY).get("/api/v1/packets/" + packetId);
            assertThat(packet.status()).isEqualTo(200);
            assertThat(packet.body().get("status").asText()).isEqualTo("completed");
        }
    }

    @Test
    void on_postgresql_a_handoff_runs_end_to_end_and_survives_a_restart() throws Exception {
        try (LocalPostgres database = LocalPostgres.createOrSkip()) {
            Map<String, String> env = env(database.url());
            String packetId;
            try (Application app = Application.start(AppConfig.fromEnv(env), quietBanner())) {
                packetId = completeOneHandoff(app.port());
            }
            try (Application restarted = Application.start(AppConfig.fromEnv(env), quietBanner())) {
                ApiClient.Reply history = new ApiClient(restarted.port(), ADMIN_KEY)
                        .get("/api/v1/packets/" + packetId + "/history");
                assertThat(eventTypes(history.body())).containsExactly("created", "claimed", "completed");
                assertThat(new ApiClient(restarted.port(), ADMIN_KEY).get("/api/v1/hooks").body()).hasSize(1);
            }
        }
    }

    @Test
    void without_a_bootstrap_key_one_admin_key_is_generated_and_shown_once() throws Exception {
        Map<String, String> env = Map.of("HR_DATABASE_URL", "sqlite:///" + dir.resolve("fresh.db"),
                "HR_PORT", String.valueOf(freePort()), "HR_LOG_LEVEL", "error", "HR_SHUTDOWN_GRACE_SECONDS", "1");
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        String key;
        try (Application app = Application.start(AppConfig.fromEnv(env), new PrintStream(banner, true,
                StandardCharsets.UTF_8))) {
            key = banner.toString(StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(line -> line.startsWith("hr_")).findFirst().orElseThrow();
            assertThat(new ApiClient(app.port(), key).get("/api/v1/packets").status()).isEqualTo(200);
        }
        ByteArrayOutputStream secondBoot = new ByteArrayOutputStream();
        try (Application app = Application.start(AppConfig.fromEnv(env), new PrintStream(secondBoot, true,
                StandardCharsets.UTF_8))) {
            assertThat(secondBoot.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(new ApiClient(app.port(), key).get("/api/v1/packets").status()).isEqualTo(200);
        }
    }

    @Test
    void readiness_reports_an_unreachable_redis_as_not_ready() throws Exception {
        Map<String, String> env = Map.of("HR_DATABASE_URL", "sqlite:///" + dir.resolve("redis.db"),
                "HR_PORT", String.valueOf(freePort()), "HR_LOG_LEVEL", "error", "HR_SHUTDOWN_GRACE_SECONDS", "3",
                "HR_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY, "HR_REDIS_URL", "redis://127.0.0.1:1/0");
        try (Application app = Application.start(AppConfig.fromEnv(env), quietBanner())) {
            ApiClient.Reply ready = new ApiClient(app.port(), null).get("/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body().toString())
                    .isEqualTo("{\"status\":\"not_ready\",\"service\":\"handoffrail\",\"db\":true,\"redis\":false}");
        }
    }

    private static String completeOneHandoff(int port) throws IOException, InterruptedException {
        ApiClient anonymous = new ApiClient(port, null);
        assertThat(anonymous.get("/health").body().toString())
                .isEqualTo("{\"status\":\"ok\",\"service\":\"handoffrail\"}");
        assertThat(anonymous.get("/ready").status()).isEqualTo(200);

        ApiClient api = new ApiClient(port, ADMIN_KEY);
        ApiClient.Reply created = api.send("POST", "/api/v1/packets", PACKET);
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asText();

        ApiClient.Reply claimed = api.send("POST", "/api/v1/packets/" + id + "/claim",
                "{\"agent_id\": \"billing-01\", \"agent_name\": \"BillingBot\", \"framework\": null}");
        assertThat(claimed.status()).isEqualTo(200);
        assertThat(claimed.body().get("status").asText()).isEqualTo("claimed");

        ApiClient.Reply completed = api.send("PATCH", "/api/v1/packets/" + id, "{\"status\": \"completed\"}");
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.body().at("/metadata/completed_at").isTextual()).isTrue();

        assertThat(eventTypes(api.get("/api/v1/packets/" + id + "/history").body()))
                .containsExactly("created", "claimed", "completed");

        ApiClient.Reply schema = api.send("POST", "/api/v1/schemas", "{\"name\": \"upgrade\", \"json_schema\": "
                + "{\"type\": \"object\", \"required\": [\"custom\"]}}");
        assertThat(schema.status()).isEqualTo(201);
        ApiClient.Reply hook = api.send("POST", "/api/v1/hooks", "{\"url\": \"http://127.0.0.1:9/hook\", "
                + "\"secret\": \"whsec_end_to_end_secret\"}");
        assertThat(hook.status()).isEqualTo(201);
        assertThat(hook.body().has("secret")).isFalse();
        ApiClient.Reply health = api.get("/api/v1/system/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("connection_pool").get("size").asInt()).isPositive();
        return id;
    }

    private static List<String> eventTypes(JsonNode history) {
        List<String> types = new ArrayList<>();
        history.get("events").forEach(event -> types.add(event.get("event_type").asText()));
        return types;
    }

    private static Map<String, String> env(String databaseUrl) throws IOException {
        return Map.of("HR_DATABASE_URL", databaseUrl, "HR_PORT", String.valueOf(freePort()),
                "HR_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY, "HR_LOG_LEVEL", "error", "HR_SHUTDOWN_GRACE_SECONDS", "3",
                "HR_SECRET_KEY", "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=",
                "HR_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static PrintStream quietBanner() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
