package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security checklist's last item on the real server: the child process's standard output and error over a full
 * flow at {@code HR_LOG_LEVEL=debug} (keys created, rotated and revoked, a wrong key, webhooks with secrets to a
 * working and a failing receiver until dead-lettered, packets with distinctive content, a malformed body, the
 * metrics token, a PostgreSQL URL with a password, SIGTERM) hold none of the secrets or contents, and every line is
 * one JSON object.
 */
class LogLeakTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_KEY = "hr_LeakCanaryAdminKey_0123456789abcdefgh";
    private static final String SECRET_KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";
    private static final String DB_PASSWORD = "LeakCanaryDbPassw0rd";
    private static final String METRICS_TOKEN = "LeakCanaryMetricsT0ken";
    private static final String FAILING_HOOK_SECRET = "whsec_LeakCanaryFailingHook";
    private static final String WORKING_HOOK_SECRET = "whsec_LeakCanaryWorkingHook";
    private static final String WRONG_KEY = "hr_LeakCanaryWrongKey_0123456789abcdefghi";
    private static final String PACKET = """
            {"metadata": {"source_agent": {"id": "sales-01", "name": "SalesBot"},
                          "target_agent": {"id": "billing-01", "name": "BillingBot"}, "priority": "high",
                          "tags": ["LeakCanaryTag"]},
             "context": {"summary": "LeakCanarySummary: customer 4111-1111-1111-1111 wants the business plan",
                         "conversation_state": [{"role": "user", "content": "LeakCanaryConversation"}],
                         "artifacts": [{"key": "contract", "value": "LeakCanaryArtifact"}],
                         "custom": {"note": "LeakCanaryCustom"}},
             "decisions": [{"id": "d1", "decision": "LeakCanaryDecision", "rationale": "LeakCanaryRationale"}]}""";

    @TempDir
    Path dir;

    private final List<HttpServer> receivers = new ArrayList<>();

    @AfterEach
    void stopReceivers() {
        receivers.forEach(receiver -> receiver.stop(0));
    }

    @Test
    void no_secret_or_packet_content_reaches_the_log_and_every_line_is_one_json_object() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(ADMIN_KEY, SECRET_KEY, DB_PASSWORD, METRICS_TOKEN,
                FAILING_HOOK_SECRET, WORKING_HOOK_SECRET, WRONG_KEY, "LeakCanary", "4111-1111"));
        List<String> lines;
        try (LocalPostgres database = LocalPostgres.createOrSkip()) {
            Map<String, String> env = Map.of("HR_DATABASE_URL", database.url(DB_PASSWORD),
                    "HR_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY, "HR_SECRET_KEY", SECRET_KEY,
                    "HR_METRICS_TOKEN", METRICS_TOKEN, "HR_LOG_LEVEL", "debug", "HR_TIER_DEFAULT", "business",
                    "HR_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1", "HR_WEBHOOK_RETRY_SCHEDULE", "100ms",
                    "HR_SHUTDOWN_GRACE_SECONDS", "2");
            ServerProcess server = ServerProcess.start(env, dir);
            try (server) {
                secrets.addAll(fullFlow(server.port()));
                server.terminate();
            }
            lines = server.allLines();
        }

        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(JSON.readTree(line).isObject()).as(line).isTrue();
            for (String secret : secrets) {
                assertThat(line).doesNotContain(secret);
            }
        });
        assertThat(String.join("\n", lines)).contains("\"event\":\"packet_created\"",
                "\"event\":\"api_key_created\"", "\"event\":\"api_key_rotated\"", "\"event\":\"webhook_delivered\"",
                "\"event\":\"webhook_attempt_failed\"", "\"event\":\"server_stopped\"");
    }

    /** Runs the flow; returns the key secrets the server issued on the way. */
    private List<String> fullFlow(int port) throws Exception {
        ApiClient admin = new ApiClient(port, ADMIN_KEY);
        List<String> issued = new ArrayList<>();
        ApiClient.Reply created = admin.send("POST", "/api/v1/keys", "{\"name\": \"worker\", \"role\": \"agent\"}");
        assertThat(created.status()).isEqualTo(201);
        issued.add(created.body().get("key").asText());
        ApiClient.Reply rotated = admin.send("POST", "/api/v1/keys/" + created.body().get("id").asText()
                + "/rotate", "{}");
        assertThat(rotated.status()).isEqualTo(201);
        String rotatedKey = rotated.body().get("key").asText();
        issued.add(rotatedKey);
        assertThat(new ApiClient(port, rotatedKey).get("/api/v1/packets").status()).isEqualTo(200);
        assertThat(new ApiClient(port, WRONG_KEY).get("/api/v1/packets").status()).isEqualTo(401);

        String failingHook = registerHook(admin, receiver(500), FAILING_HOOK_SECRET);
        String workingHook = registerHook(admin, receiver(200), WORKING_HOOK_SECRET);
        ApiClient.Reply packet = admin.send("POST", "/api/v1/packets", PACKET);
        assertThat(packet.status()).isEqualTo(201);
        String id = packet.body().get("id").asText();
        assertThat(admin.send("POST", "/api/v1/packets/" + id + "/claim",
                "{\"agent_id\": \"billing-01\", \"agent_name\": \"BillingBot\", \"framework\": null}").status())
                .isEqualTo(200);
        assertThat(admin.send("PATCH", "/api/v1/packets/" + id, "{\"status\": \"completed\", \"context\": "
                + "{\"summary\": \"LeakCanaryPatchedSummary\"}}").status()).isIn(200, 400);
        assertThat(admin.send("POST", "/api/v1/packets", "{\"metadata\": \"LeakCanaryMalformed").status())
                .isEqualTo(400);
        assertThat(admin.send("DELETE", "/api/v1/keys/" + rotated.body().get("id").asText(), "").status())
                .isIn(200, 204);

        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).header("Authorization", "Bearer "
                + METRICS_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);

        awaitDeliveryStatus(admin, failingHook, "dead_letter");
        awaitDeliveryStatus(admin, workingHook, "delivered");
        return issued;
    }

    private static String registerHook(ApiClient admin, int port, String secret) throws Exception {
        ApiClient.Reply hook = admin.send("POST", "/api/v1/hooks", "{\"url\": \"http://127.0.0.1:" + port
                + "/hook\", \"events\": [\"packet.created\"], \"secret\": \"" + secret + "\"}");
        assertThat(hook.status()).isEqualTo(201);
        return hook.body().get("id").asText();
    }

    private static void awaitDeliveryStatus(ApiClient admin, String hook, String status) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        JsonNode deliveries = null;
        while (System.nanoTime() < deadline) {
            deliveries = admin.get("/api/v1/hooks/" + hook + "/deliveries").body();
            if (deliveries.size() == 1 && deliveries.get(0).get("status").asText().equals(status)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("delivery of " + hook + " not " + status + " within 30 s: " + deliveries);
    }

    private int receiver(int status) throws IOException {
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        receivers.add(receiver);
        return receiver.getAddress().getPort();
    }
}
