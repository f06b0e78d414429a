package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real application delivers a signed webhook through its HTTP client, and stops that client on close. */
class WebhookDeliveryEndToEndTest {
    private static final String ADMIN_KEY = "hr_webhookEndToEndKey_0123456789abcdef";
    private static final String PACKET = """
            {"metadata": {"source_agent": {"id": "sales-01", "name": "SalesBot"},
                          "target_agent": {"id": "billing-01", "name": "BillingBot"}},
             "context": {"summary": "Customer wants to upgrade"}}""";

    @TempDir
    Path dir;

    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void a_created_packet_is_delivered_to_a_registered_webhook_and_recorded_as_delivered() throws Exception {
        int receiverPort = startReceiver();
        try (Application app = Application.start(AppConfig.fromEnv(env()), ApplicationEndToEndTest.quietBanner())) {
            ApiClient api = new ApiClient(app.port(), ADMIN_KEY);
            ApiClient.Reply hook = api.send("POST", "/api/v1/hooks", "{\"url\": \"http://127.0.0.1:" + receiverPort
                    + "/hook\", \"events\": [\"packet.created\"], \"secret\": \"whsec_end_to_end_secret\"}");
            assertThat(hook.status()).isEqualTo(201);
            String packetId = api.send("POST", "/api/v1/packets", PACKET).body().get("id").asText();

            JsonNode delivery = awaitDelivered(api, "/api/v1/hooks/" + hook.body().get("id").asText()
                    + "/deliveries");

            assertThat(delivery.get("last_status_code").asInt()).isEqualTo(200);
            assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
            assertThat(received).hasSize(1);
            assertThat(received.get(0)).containsEntry("X-hr-event", "packet.created")
                    .containsEntry("Host", "127.0.0.1:" + receiverPort)
                    .containsKey("X-hr-signature-v2");
            assertThat(received.get(0).get("body")).contains(packetId);
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.isAlive()
                && thread.getName().startsWith("handoffrail-webhooks"));
    }

    private JsonNode awaitDelivered(ApiClient api, String path) throws Exception {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode deliveries = api.get(path).body();
            if (deliveries.size() == 1 && deliveries.get(0).get("status").asText().equals("delivered")) {
                return deliveries.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no delivered delivery within 15 s: " + api.get(path).body());
    }

    private int startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                Map<String, String> request = new TreeMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> request.put(name, values.get(0)));
                request.put("body", new String(in.readAllBytes(), StandardCharsets.UTF_8));
                received.add(request);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        return receiver.getAddress().getPort();
    }

    private Map<String, String> env() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Map.of("HR_DATABASE_URL", "sqlite:///" + dir.resolve("hooks.db"),
                    "HR_PORT", String.valueOf(socket.getLocalPort()), "HR_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY,
                    "HR_LOG_LEVEL", "error", "HR_SHUTDOWN_GRACE_SECONDS", "3",
                    "HR_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
        }
    }
}
