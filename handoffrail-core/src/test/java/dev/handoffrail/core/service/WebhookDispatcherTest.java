package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.TestRail.ip;
import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.port.out.WebhookTransport.Result;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.DeliveryFixtures;
import dev.handoffrail.core.testing.PacketFixtures;
import dev.handoffrail.core.testing.ScriptedTransport;
import dev.handoffrail.core.testing.TenantFixtures;
import dev.handoffrail.core.testing.WebhookFixtures;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.Webhook;
import dev.handoffrail.core.webhook.WebhookSigner;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookDispatcherTest {
    private static final String SECRET = "whsec_0123456789abcdef";
    private static final String BODY = "{\"event\":\"packet.created\",\"packet_id\":\"p\"}";

    private static final String RECEIVER = "http://127.0.0.1:8089";

    private final TestRail rail = new TestRail();
    private final Packet packet = PacketFixtures.aPacket().build();
    private ScriptedTransport transport = ScriptedTransport.answering(200, "ok");
    private WebhookDispatcher dispatcher = dispatcherOver(transport);

    WebhookDispatcherTest() {
        rail.tenant(ACME, Tier.PRO);
    }

    @Test
    void a_due_delivery_is_sent_once_to_the_checked_address_with_the_signed_headers_and_exact_body() {
        Webhook webhook = webhook(RECEIVER + "/hooks/handoffs?source=rail");
        Delivery delivery = delivery(webhook);

        assertThat(dispatcher.runOnce()).isEqualTo(1);
        assertThat(dispatcher.runOnce()).isZero();

        ScriptedTransport.Sent request = transport.sent().get(0);
        assertThat(transport.sent()).hasSize(1);
        assertThat(request.url()).isEqualTo(URI.create(RECEIVER + "/hooks/handoffs?source=rail"));
        assertThat(request.pinnedAddress()).isEqualTo(ip("127.0.0.1"));
        assertThat(request.timeout()).isEqualTo(TestRail.SETTINGS.webhookTimeout());
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo(BODY);
        long unixSeconds = T0.getEpochSecond();
        assertThat(request.headers())
                .containsEntry("Content-Type", "application/json")
                .containsEntry("User-Agent", "HandoffRail-Webhook/1")
                .containsEntry("X-HR-Event", "packet.created")
                .containsEntry("X-HR-Delivery-ID", delivery.id().toString())
                .containsEntry("X-HR-Attempt", "1")
                .containsEntry("X-HR-Timestamp", Long.toString(unixSeconds))
                .containsEntry("X-HR-Signature", WebhookSigner.signatureV1(SECRET, request.body()))
                .containsEntry("X-HR-Signature-V2", WebhookSigner.signatureV2(SECRET, unixSeconds, request.body()));
        assertThat(WebhookSigner.verifyV2(SECRET, request.headers().get("X-HR-Signature-V2"), request.body(),
                Clock.fixed(T0, ZoneOffset.UTC))).isTrue();
        Delivery stored = stored(delivery);
        assertThat(stored.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(stored.attempts()).isEqualTo(1);
        assertThat(stored.lastStatusCode()).isEqualTo(200);
        assertThat(stored.lastError()).isNull();
        assertThat(stored.deliveredAt()).isEqualTo(T0);
        assertThat(stored.nextRetryAt()).isNull();
        assertThat(rail.observed).containsExactly("webhook:packet.created:success");
    }

    @Test
    void failures_are_retried_on_the_schedule_and_dead_lettered_after_the_seventh_attempt() {
        answering(new Result(503, "upstream unavailable", null));
        Delivery delivery = delivery(webhook(RECEIVER + "/hook"));
        List<Duration> delays = TestRail.SETTINGS.webhookRetryDelays();

        for (int attempt = 1; attempt <= 6; attempt++) {
            assertThat(dispatcher.runOnce()).isEqualTo(1);
            Instant failedAt = rail.clock.instant();
            Delivery failed = stored(delivery);
            assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(failed.attempts()).isEqualTo(attempt);
            assertThat(failed.lastError()).isEqualTo("HTTP 503: upstream unavailable");
            assertThat(failed.lastStatusCode()).isEqualTo(503);
            assertThat(failed.nextRetryAt()).isEqualTo(failedAt.plus(delays.get(attempt - 1)));

            rail.clock.advance(delays.get(attempt - 1).minusMillis(1));
            assertThat(dispatcher.runOnce()).isZero();
            rail.clock.advance(Duration.ofMillis(1));
        }
        assertThat(dispatcher.runOnce()).isEqualTo(1);

        Delivery dead = stored(delivery);
        assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD_LETTER);
        assertThat(dead.attempts()).isEqualTo(7);
        assertThat(dead.nextRetryAt()).isNull();
        assertThat(rail.stores.deliveries().deadLetters(ACME, 10, 0)).extracting(Delivery::id)
                .containsExactly(delivery.id());
        assertThat(transport.sent()).extracting(r -> r.headers().get("X-HR-Attempt"))
                .containsExactly("1", "2", "3", "4", "5", "6", "7");
        assertThat(transport.sent()).extracting(r -> r.headers().get("X-HR-Delivery-ID")).containsOnly(
                delivery.id().toString());
        assertThat(transport.sent()).allSatisfy(r -> assertThat(r.body()).isEqualTo(BODY.getBytes(
                StandardCharsets.UTF_8)));
        assertThat(dispatcher.runOnce()).isZero();
        assertThat(rail.observed).hasSize(7).containsOnly("webhook:packet.created:failed");
    }

    @Test
    void a_redirect_counts_as_a_failure() {
        answering(new Result(302, "", null));
        Delivery delivery = delivery(webhook(RECEIVER + "/hook"));

        dispatcher.runOnce();

        Delivery failed = stored(delivery);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.lastStatusCode()).isEqualTo(302);
        assertThat(failed.lastError()).isEqualTo("HTTP 302: ");
        assertThat(transport.sent()).hasSize(1);
    }

    @Test
    void the_error_keeps_only_the_first_200_characters_of_the_response_body() {
        answering(new Result(500, "é".repeat(150) + "x".repeat(150), null));
        Delivery delivery = delivery(webhook(RECEIVER + "/hook"));

        dispatcher.runOnce();

        assertThat(stored(delivery).lastError()).isEqualTo("HTTP 500: " + "é".repeat(150) + "x".repeat(50));
    }

    @Test
    void a_url_that_now_resolves_to_a_blocked_address_fails_the_attempt_without_a_request() {
        rail.dns.put("hooks.example.test", ip("127.0.0.1"));
        Delivery delivery = delivery(webhook("https://hooks.example.test/hook"));

        assertThat(dispatcher.runOnce()).isEqualTo(1);

        Delivery failed = stored(delivery);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("URL blocked: 127.0.0.1 is in blocked range 127.0.0.0/8");
        assertThat(failed.lastStatusCode()).isNull();
        assertThat(transport.sent()).isEmpty();
        assertThat(rail.observed).containsExactly("webhook:packet.created:failed");
    }

    @Test
    void a_transport_error_is_recorded_as_the_last_error() {
        answering(new Result(null, null, "Connection failed: Connection refused"));
        Delivery delivery = delivery(webhook(RECEIVER + "/hook"));

        dispatcher.runOnce();

        Delivery failed = stored(delivery);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.lastError()).isEqualTo("Connection failed: Connection refused");
        assertThat(failed.lastStatusCode()).isNull();
    }

    @Test
    void deliveries_of_inactive_webhooks_and_deleted_tenants_are_cancelled_without_an_attempt() {
        Webhook inactive = WebhookFixtures.aWebhook().url(RECEIVER + "/a").secret(SECRET).inactive().build();
        rail.stores.webhooks().insert(inactive);
        Delivery ofInactive = delivery(inactive);
        rail.stores.tenants().insert(TenantFixtures.aTenant().id("gone").deletedAt(T0).build());
        Webhook orphan = WebhookFixtures.aWebhook().tenant(new TenantId("gone"))
                .url(RECEIVER + "/b").secret(SECRET).build();
        rail.stores.webhooks().insert(orphan);
        Delivery ofDeletedTenant = delivery(orphan);

        assertThat(dispatcher.runOnce()).isZero();

        assertThat(stored(ofInactive).status()).isEqualTo(DeliveryStatus.DEAD_LETTER);
        assertThat(stored(ofInactive).lastError()).isEqualTo("Webhook inactive");
        assertThat(stored(ofInactive).attempts()).isZero();
        assertThat(stored(ofDeletedTenant).status()).isEqualTo(DeliveryStatus.DEAD_LETTER);
        assertThat(stored(ofDeletedTenant).lastError()).isEqualTo("Tenant deleted");
        assertThat(transport.sent()).isEmpty();
        assertThat(rail.observed).isEmpty();
    }

    @Test
    void only_due_deliveries_are_attempted() {
        answering(new Result(204, null, null));
        Webhook webhook = webhook(RECEIVER + "/hook");
        Delivery due = delivery(webhook);
        Delivery alsoDue = delivery(webhook);
        Delivery later = DeliveryFixtures.aDelivery(webhook, packet).failed(1, T0.plusSeconds(30)).build();
        rail.stores.deliveries().insert(List.of(later));

        assertThat(dispatcher.runOnce()).isEqualTo(2);

        assertThat(stored(due).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(stored(alsoDue).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(stored(later)).isEqualTo(later);
    }

    private void answering(Result result) {
        transport = new ScriptedTransport(result);
        dispatcher = dispatcherOver(transport);
    }

    private WebhookDispatcher dispatcherOver(ScriptedTransport scripted) {
        return new WebhookDispatcher(rail.dispatcherPorts(scripted), TestRail.SETTINGS, rail.observer);
    }

    private Webhook webhook(String url) {
        Webhook webhook = WebhookFixtures.aWebhook().url(url).secret(SECRET).events(EventType.PACKET_CREATED).build();
        rail.stores.webhooks().insert(webhook);
        return webhook;
    }

    private Delivery delivery(Webhook webhook) {
        Delivery delivery = DeliveryFixtures.aDelivery(webhook, packet).payload(BODY).build();
        rail.stores.deliveries().insert(List.of(delivery));
        return delivery;
    }

    private Delivery stored(Delivery delivery) {
        return rail.stores.deliveries().find(delivery.tenant(), delivery.id()).orElseThrow();
    }
}
