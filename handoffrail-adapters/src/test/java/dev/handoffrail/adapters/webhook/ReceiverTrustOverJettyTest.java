package dev.handoffrail.adapters.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.port.in.ManageWebhooksUseCase.RotatedSecret;
import dev.handoffrail.core.port.out.HostResolver;
import dev.handoffrail.core.service.WebhookDispatcher;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.Webhook;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * What a receiver can rely on, over real HTTP to receivers on loopback: signatures that an independent
 * implementation verifies (Standard Webhooks and {@code X-HR-*}), rotation, {@code Retry-After}, {@code 410 Gone},
 * and isolation from a receiver that never answers.
 */
class ReceiverTrustOverJettyTest {
    private static final String SECRET = "whsec_receiver_trust_0123456789";
    private static final AgentInfo SUPPORT = AgentInfo.of("support-01", "SupportBot");
    private static final AgentInfo BILLING = AgentInfo.of("billing-01", "BillingBot");

    private final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @Test
    void every_signature_verifies_with_an_independent_implementation_and_a_tampered_body_or_old_timestamp_does_not()
            throws Exception {
        try (LocalReceiver receiver = LocalReceiver.http(LocalReceiver.Response.of(200, "ok"));
             JettyWebhookTransport transport = new JettyWebhookTransport();
             HandoffRail rail = rail(transport, clock, Duration.ofSeconds(5))) {
            Caller caller = admin(rail);
            rail.manageWebhooks().register(caller, receiver.url("/hook"), Set.of(EventType.PACKET_CREATED), SECRET);
            rail.createPacket().create(caller, PacketDraft.of(SUPPORT, BILLING, "Upgrade"));

            assertThat(rail.webhookDispatcher().runOnce()).isEqualTo(1);

            LocalReceiver.Request request = receiver.requests().get(0);
            Map<String, String> headers = request.headers();
            byte[] body = request.body();
            StandardWebhooksVerifier verifier = StandardWebhooksVerifier.forHandoffRailSecret(SECRET);
            verifier.verify(body, headers, clock.instant());
            Delivery delivery = onlyDelivery(rail, caller);
            assertThat(headers.get("webhook-id")).isEqualTo(delivery.id().toString())
                    .isEqualTo(headers.get("x-hr-delivery-id"));
            assertThat(headers.get("webhook-timestamp")).isEqualTo(Long.toString(clock.instant().getEpochSecond()))
                    .isEqualTo(headers.get("x-hr-timestamp"));
            String ts = headers.get("x-hr-timestamp");
            assertThat(headers.get("x-hr-signature")).isEqualTo("sha256=" + hexHmac(SECRET, body));
            assertThat(headers.get("x-hr-signature-v2")).isEqualTo("t=" + ts + ",sha256="
                    + hexHmac(SECRET, (ts + "." + new String(body, UTF_8)).getBytes(UTF_8)));

            byte[] tampered = new String(body, UTF_8).replace("Upgrade", "Downgr").getBytes(UTF_8);
            assertThatThrownBy(() -> verifier.verify(tampered, headers, clock.instant()))
                    .hasMessage("No matching signature found");
            assertThatThrownBy(() -> verifier.verify(body, headers, clock.instant().plusSeconds(301)))
                    .hasMessage("Message timestamp too old");
            assertThatThrownBy(() -> StandardWebhooksVerifier.forHandoffRailSecret("whsec_some_other_secret_00")
                    .verify(body, headers, clock.instant())).hasMessage("No matching signature found");
        }
    }

    @Test
    void during_a_rotation_the_old_and_the_new_secret_both_verify_and_after_the_grace_period_only_the_new_one()
            throws Exception {
        try (LocalReceiver receiver = LocalReceiver.http(LocalReceiver.Response.of(200, "ok"));
             JettyWebhookTransport transport = new JettyWebhookTransport();
             HandoffRail rail = rail(transport, clock, Duration.ofSeconds(5))) {
            Caller caller = admin(rail);
            Webhook webhook = rail.manageWebhooks().register(caller, receiver.url("/hook"),
                    Set.of(EventType.PACKET_CREATED), SECRET);
            RotatedSecret rotated = rail.manageWebhooks().rotateSecret(caller, webhook.id(), 600L);
            rail.createPacket().create(caller, PacketDraft.of(SUPPORT, BILLING, "During the grace period"));
            assertThat(rail.webhookDispatcher().runOnce()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(600));
            rail.createPacket().create(caller, PacketDraft.of(SUPPORT, BILLING, "After it"));
            assertThat(rail.webhookDispatcher().runOnce()).isEqualTo(1);

            StandardWebhooksVerifier oldSecret = StandardWebhooksVerifier.forHandoffRailSecret(SECRET);
            StandardWebhooksVerifier newSecret = StandardWebhooksVerifier.forHandoffRailSecret(rotated.secret());
            LocalReceiver.Request during = receiver.requests().get(0);
            LocalReceiver.Request after = receiver.requests().get(1);
            Instant duringAt = clock.instant().minusSeconds(600);
            oldSecret.verify(during.body(), during.headers(), duringAt);
            newSecret.verify(during.body(), during.headers(), duringAt);
            assertThat(during.headers().get("webhook-signature").split(" ")).hasSize(2);
            newSecret.verify(after.body(), after.headers(), clock.instant());
            assertThatThrownBy(() -> oldSecret.verify(after.body(), after.headers(), clock.instant()))
                    .hasMessage("No matching signature found");
            assertThat(after.headers().get("x-hr-signature")).isEqualTo("sha256="
                    + hexHmac(rotated.secret(), after.body()));
        }
    }

    @Test
    void retry_after_7_on_a_503_delays_the_next_attempt_by_at_least_7_seconds() throws Exception {
        try (LocalReceiver receiver = LocalReceiver.http(LocalReceiver.Response.retryAfter(503, "7"),
                LocalReceiver.Response.of(200, "ok"));
             JettyWebhookTransport transport = new JettyWebhookTransport();
             HandoffRail rail = rail(transport, clock, Duration.ofSeconds(5))) {
            Caller caller = admin(rail);
            rail.manageWebhooks().register(caller, receiver.url("/hook"), Set.of(EventType.PACKET_CREATED), SECRET);
            rail.createPacket().create(caller, PacketDraft.of(SUPPORT, BILLING, "Upgrade"));
            Instant first = clock.instant();

            assertThat(rail.webhookDispatcher().runOnce()).isEqualTo(1);
            Delivery failed = onlyDelivery(rail, caller);
            assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(failed.lastStatusCode()).isEqualTo(503);
            assertThat(failed.nextRetryAt()).isEqualTo(first.plusSeconds(7));

            clock.advance(Duration.ofSeconds(6));
            assertThat(rail.webhookDispatcher().runOnce()).isZero();
            assertThat(receiver.requests()).hasSize(1);
            clock.advance(Duration.ofSeconds(1));
            assertThat(rail.webhookDispatcher().runOnce()).isEqualTo(1);

            assertThat(receiver.requests()).hasSize(2);
            assertThat(receiver.requests().get(1).headers()).containsEntry("x-hr-attempt", "2")
                    .containsEntry("webhook-timestamp", Long.toString(first.plusSeconds(7).getEpochSecond()));
            assertThat(onlyDelivery(rail, caller).status()).isEqualTo(DeliveryStatus.DELIVERED);
        }
    }

    @Test
    void a_410_deactivates_the_webhook_and_dead_letters_the_delivery() throws Exception {
        try (LocalReceiver receiver = LocalReceiver.http(LocalReceiver.Response.of(410, "unsubscribed"));
             JettyWebhookTransport transport = new JettyWebhookTransport();
             HandoffRail rail = rail(transport, clock, Duration.ofSeconds(5))) {
            Caller caller = admin(rail);
            rail.manageWebhooks().register(caller, receiver.url("/hook"), Set.of(EventType.PACKET_CREATED), SECRET);
            rail.createPacket().create(caller, PacketDraft.of(SUPPORT, BILLING, "Upgrade"));

            assertThat(rail.webhookDispatcher().runOnce()).isEqualTo(1);

            assertThat(rail.manageWebhooks().list(caller).get(0).active()).isFalse();
            Delivery dead = onlyDelivery(rail, caller);
            assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD_LETTER);
            assertThat(dead.lastError()).isEqualTo("HTTP 410: unsubscribed");
            rail.createPacket().create(caller, PacketDraft.of(SUPPORT, BILLING, "Another"));
            assertThat(rail.webhookDispatcher().runOnce()).isZero();
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    @Test
    void a_receiver_that_never_answers_does_not_slow_deliveries_to_a_healthy_one() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger healthyReceived = new AtomicInteger();
        HttpServer hung = server(exchange -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        HttpServer healthy = server(exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            try {
                Thread.sleep(40); // a receiver doing some work
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            healthyReceived.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        ExecutorService attempts = Executors.newFixedThreadPool(16);
        WebhookDispatcher.Limits limits = new WebhookDispatcher.Limits(16, 4);
        try (JettyWebhookTransport transport = new JettyWebhookTransport();
             HandoffRail rail = rail(transport, Clock.systemUTC(), Duration.ofSeconds(20))) {
            Caller caller = admin(rail);
            rail.manageWebhooks().register(caller, url(healthy), Set.of(EventType.PACKET_CREATED), SECRET);
            int perRound = 24;

            deliverAll(rail, caller, attempts, limits, healthyReceived, perRound); // warm-up
            long alone = deliverAll(rail, caller, attempts, limits, healthyReceived, perRound);
            rail.manageWebhooks().register(caller, url(hung), Set.of(EventType.PACKET_CREATED), SECRET);
            long besideHung = deliverAll(rail, caller, attempts, limits, healthyReceived, perRound);

            assertThat(rail.webhookDispatcher().inFlightTotal()).isGreaterThanOrEqualTo(limits.perWebhook());
            assertThat((double) besideHung / alone).as("healthy latency beside a hung receiver: %d ms vs %d ms",
                    TimeUnit.NANOSECONDS.toMillis(besideHung), TimeUnit.NANOSECONDS.toMillis(alone))
                    .isLessThan(2.0);
        } finally {
            release.countDown();
            attempts.shutdown();
            assertThat(attempts.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            hung.stop(0);
            healthy.stop(0);
        }
    }

    /** Creates {@code count} packets and dispatches until the healthy receiver has them all; returns the time. */
    private static long deliverAll(HandoffRail rail, Caller caller, ExecutorService attempts,
                                   WebhookDispatcher.Limits limits, AtomicInteger received, int count)
            throws InterruptedException {
        int target = received.get() + count;
        for (int i = 0; i < count; i++) {
            rail.createPacket().create(caller, PacketDraft.of(SUPPORT, BILLING, "Packet " + i));
        }
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(30);
        while (received.get() < target && System.nanoTime() < deadline) {
            rail.webhookDispatcher().dispatch(attempts, limits);
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(received.get()).isEqualTo(target);
        return System.nanoTime() - started;
    }

    private static HttpServer server(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "test-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return server;
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private static HandoffRail rail(JettyWebhookTransport transport, Clock clock, Duration timeout) {
        RailSettings settings = new RailSettings(RailSettings.defaults().tiers(), Tier.FREE, Duration.ofDays(1), false,
                RailSettings.defaults().webhookRetryDelays(), timeout, Set.of("127.0.0.1"), 60, 30);
        return HandoffRail.builder().settings(settings).hostResolver(HostResolver.system()).clock(clock)
                .webhookTransport(transport).build();
    }

    private static Caller admin(HandoffRail rail) {
        return Caller.of(rail.authenticate().authenticate(rail.manageKeys().bootstrap(null).secret()).key());
    }

    private static Delivery onlyDelivery(HandoffRail rail, Caller caller) {
        List<Delivery> deliveries = rail.manageWebhooks().deliveries(caller,
                rail.manageWebhooks().list(caller).get(0).id(), null, 10, 0);
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }

    private static String hexHmac(String secret, byte[] message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message));
    }

    /** A clock the test moves. Thread-safe. */
    private static final class TestClock extends Clock {
        private final AtomicReference<Instant> now;

        TestClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration duration) {
            now.updateAndGet(at -> at.plus(duration));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
