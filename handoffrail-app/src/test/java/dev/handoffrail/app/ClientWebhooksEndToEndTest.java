package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.handoffrail.client.HandoffRailClient;
import dev.handoffrail.client.WebhookVerifier;
import dev.handoffrail.client.model.NewPacket;
import dev.handoffrail.client.model.Packet;
import dev.handoffrail.client.model.ReplayResult;
import dev.handoffrail.client.model.Tier;
import dev.handoffrail.client.model.Webhook;
import dev.handoffrail.client.model.WebhookDelivery;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks through the client against the real server and a real receiver: registration, failed deliveries into
 * the dead-letter queue, replay, retry-all, deactivation, and the verifier accepting the server's own signatures.
 */
class ClientWebhooksEndToEndTest {
    private static final String SECRET = "whsec_client_test_secret";

    @TempDir
    Path dir;
    private ClientTestServer server;
    private HttpServer receiver;
    private final AtomicBoolean accepting = new AtomicBoolean(false);
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private record Received(Map<String, String> headers, byte[] body, int answered) {
    }

    @BeforeEach
    void start() throws IOException {
        server = ClientTestServer.start(dir);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
                int status = accepting.get() ? 200 : 503;
                received.add(new Received(headers, in.readAllBytes(), status));
                exchange.sendResponseHeaders(status, -1);
            }
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        server.close();
    }

    @Test
    void a_dead_lettered_delivery_is_replayed_and_its_signature_verifies() throws Exception {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Webhook hook = rail.hooks().create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                List.of("packet.created"), SECRET);
        assertThat(hook.active()).isTrue();
        assertThat(hook.events()).containsExactly("packet.created");
        assertThat(rail.hooks().list()).extracting(Webhook::id).containsExactly(hook.id());

        Packet packet = rail.packets().create(NewPacket.builder().from("sales-01", "S").to("billing-01", "B")
                .summary("hooked").build());
        WebhookDelivery dead = awaitDeadLetter(rail);
        assertThat(dead.packetId()).isEqualTo(packet.id());
        assertThat(dead.eventType()).isEqualTo("packet.created");
        assertThat(dead.lastStatusCode()).isEqualTo(503);
        assertThat(rail.hooks().deliveries(hook.id(), "dead_letter", 10, 0)).extracting(WebhookDelivery::id)
                .containsExactly(dead.id());
        assertThat(rail.hooks().retryAll().retried()).isZero();

        accepting.set(true);
        ReplayResult replay = rail.hooks().replay(dead.id());

        assertThat(replay.replayed()).isTrue();
        assertThat(replay.status()).isEqualTo("delivered");
        assertThat(replay.attempts()).isEqualTo(1);
        assertThat(rail.hooks().deliveries(hook.id(), null, 10, 0)).extracting(WebhookDelivery::status)
                .containsExactly("delivered");
        Received delivered = received.get(received.size() - 1);
        assertThat(delivered.answered()).isEqualTo(200);
        assertThat(new String(delivered.body(), StandardCharsets.UTF_8)).contains(packet.id());
        WebhookVerifier verifier = WebhookVerifier.of(SECRET);
        assertThat(received).allSatisfy(request -> assertThat(verifier.isValid(request.headers(), request.body()))
                .isTrue());
        assertThat(verifier.isValid(delivered.headers(), "{\"forged\":true}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(WebhookVerifier.of("whsec_some_other_secret").isValid(delivered.headers(), delivered.body()))
                .isFalse();
        assertThat(WebhookVerifier.builder(SECRET).acceptUntimedSignature(true).build()
                .isValid(Map.of("X-HR-Signature", delivered.headers().get("X-HR-Signature")), delivered.body()))
                .isTrue();

        rail.hooks().delete(hook.id());
        assertThat(rail.hooks().list()).extracting(Webhook::active).containsExactly(false);
    }

    private static WebhookDelivery awaitDeadLetter(HandoffRailClient rail) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<WebhookDelivery> dead = rail.hooks().deadLetters(10, 0);
            if (!dead.isEmpty()) {
                return dead.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no dead-lettered delivery within 30 s");
    }
}
