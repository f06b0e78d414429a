package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.TestRail.ip;
import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.port.out.WebhookTransport;
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
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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

    @Test
    void a_retry_after_of_7_seconds_on_a_503_delays_the_next_attempt_by_7_seconds_instead_of_1() {
        answering(new Result(503, "busy", null, "7"));
        Delivery delivery = delivery(webhook(RECEIVER + "/hook"));

        assertThat(dispatcher.runOnce()).isEqualTo(1);
        Instant failedAt = rail.clock.instant();
        assertThat(stored(delivery).nextRetryAt()).isEqualTo(failedAt.plusSeconds(7));

        rail.clock.advance(Duration.ofSeconds(7).minusMillis(1));
        assertThat(dispatcher.runOnce()).isZero();
        rail.clock.advance(Duration.ofMillis(1));
        assertThat(dispatcher.runOnce()).isEqualTo(1);
        assertThat(transport.sent()).hasSize(2);
    }

    @Test
    void a_retry_after_http_date_on_a_429_is_honoured_and_capped_by_the_last_step_of_the_schedule() {
        answering(new Result(429, "slow down", null, "Sat, 30 May 2026 10:02:00 GMT"));
        Delivery soon = delivery(webhook(RECEIVER + "/hook"));

        dispatcher.runOnce();

        assertThat(stored(soon).nextRetryAt()).isEqualTo(T0.plusSeconds(120));

        answering(new Result(429, "slow down", null, "864000"));
        Delivery far = delivery(webhook(RECEIVER + "/other"));
        dispatcher.runOnce();

        assertThat(stored(far).nextRetryAt()).isEqualTo(T0.plus(Duration.ofHours(6)));
    }

    @Test
    void a_retry_after_on_a_status_other_than_429_or_503_is_ignored() {
        answering(new Result(500, "oops", null, "60"));
        Delivery delivery = delivery(webhook(RECEIVER + "/hook"));

        dispatcher.runOnce();

        assertThat(stored(delivery).nextRetryAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void a_410_deactivates_the_webhook_and_dead_letters_its_open_deliveries_but_not_other_webhooks_ones() {
        transport = new ScriptedTransport(new Result(410, "gone for good", null));
        dispatcher = dispatcherOver(transport);
        Webhook gone = webhook(RECEIVER + "/gone");
        Delivery attempted = delivery(gone);
        Delivery later = DeliveryFixtures.aDelivery(gone, packet).failed(1, T0.plusSeconds(30)).build();
        rail.stores.deliveries().insert(List.of(later));
        Webhook other = webhook(RECEIVER + "/other");
        Delivery ofOther = DeliveryFixtures.aDelivery(other, packet).failed(1, T0.plusSeconds(30)).build();
        rail.stores.deliveries().insert(List.of(ofOther));

        assertThat(dispatcher.runOnce()).isEqualTo(1);

        assertThat(rail.stores.webhooks().find(ACME, gone.id()).orElseThrow().active()).isFalse();
        assertThat(stored(attempted).status()).isEqualTo(DeliveryStatus.DEAD_LETTER);
        assertThat(stored(attempted).lastError()).isEqualTo("HTTP 410: gone for good");
        assertThat(stored(attempted).lastStatusCode()).isEqualTo(410);
        assertThat(stored(attempted).nextRetryAt()).isNull();
        assertThat(stored(later).status()).isEqualTo(DeliveryStatus.DEAD_LETTER);
        assertThat(stored(later).lastError()).isEqualTo(WebhookDispatcher.WEBHOOK_GONE);
        assertThat(stored(ofOther)).isEqualTo(ofOther);
        assertThat(rail.stores.webhooks().find(ACME, other.id()).orElseThrow().active()).isTrue();
        AuditEntry deactivated = rail.onlyAuditEntry(ACME);
        assertThat(deactivated.action()).isEqualTo("webhook.deactivated");
        assertThat(deactivated.resource()).isEqualTo(AuditResource.WEBHOOK);
        assertThat(deactivated.resourceId()).isEqualTo(gone.id().toString());
        assertThat(deactivated.actor()).isEqualTo("system:webhook_delivery");
        assertThat(deactivated.details()).isEqualTo(Map.of("reason", "receiver answered 410 Gone", "delivery_id",
                attempted.id().toString()));
    }

    @Test
    void an_outcome_is_dropped_when_the_lease_expired_and_another_instance_took_the_delivery_meanwhile() {
        Instant[] otherLease = new Instant[1];
        WebhookTransport slow = (url, address, headers, body, timeout) -> {
            // the attempt outlives its lease; another instance leases the delivery again
            rail.clock.advance(dispatcher.lease().plusSeconds(1));
            Instant now = rail.clock.instant();
            otherLease[0] = now.plusSeconds(60);
            assertThat(rail.stores.deliveries().leaseDue(now, otherLease[0], 10)).hasSize(1);
            return new Result(200, "ok", null);
        };
        dispatcher = new WebhookDispatcher(rail.dispatcherPorts(slow), TestRail.SETTINGS, rail.observer);
        Delivery delivery = delivery(webhook(RECEIVER + "/hook"));

        dispatcher.runOnce();

        Delivery stored = stored(delivery);
        assertThat(stored.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(stored.attempts()).isZero();
        assertThat(stored.nextRetryAt()).isEqualTo(otherLease[0]);
    }

    @Test
    void a_delivery_whose_instance_died_mid_attempt_is_due_again_once_its_lease_expires() {
        Delivery delivery = delivery(webhook(RECEIVER + "/hook"));
        // an instance leases it and is killed before recording anything
        assertThat(rail.stores.deliveries().leaseDue(T0, T0.plus(dispatcher.lease()), 10)).hasSize(1);

        rail.clock.advance(dispatcher.lease().minusMillis(1));
        assertThat(dispatcher.runOnce()).isZero();
        rail.clock.advance(Duration.ofMillis(1));
        assertThat(dispatcher.runOnce()).isEqualTo(1);

        assertThat(stored(delivery).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(transport.sent()).extracting(r -> r.headers().get("X-HR-Attempt")).containsExactly("1");
    }

    @Test
    void during_a_rotation_attempts_carry_both_standard_signatures_until_the_grace_period_ends() {
        Webhook webhook = webhook(RECEIVER + "/hook");
        Webhook rotated = webhook.withRotatedSecret("whsec_rotated_secret_01", T0, T0.plusSeconds(60));
        rail.stores.webhooks().updateSecrets(rotated);
        Delivery first = delivery(webhook);

        dispatcher.runOnce();
        rail.clock.advance(Duration.ofSeconds(60));
        Delivery second = delivery(webhook);
        dispatcher.runOnce();

        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        long ts = T0.getEpochSecond();
        assertThat(transport.sent().get(0).headers().get("webhook-signature")).isEqualTo(
                WebhookSigner.standardSignature("whsec_rotated_secret_01", first.id(), ts, body) + " "
                        + WebhookSigner.standardSignature(SECRET, first.id(), ts, body));
        assertThat(transport.sent().get(1).headers().get("webhook-signature")).isEqualTo(
                WebhookSigner.standardSignature("whsec_rotated_secret_01", second.id(), ts + 60, body));
        assertThat(transport.sent().get(0).headers().get("X-HR-Signature"))
                .isEqualTo(WebhookSigner.signatureV1("whsec_rotated_secret_01", body));
    }

    @Test
    void a_receiver_that_never_answers_holds_only_its_own_slots_and_the_others_deliveries_go_out()
            throws Exception {
        CountDownLatch hang = new CountDownLatch(1);
        CountDownLatch healthySent = new CountDownLatch(3);
        WebhookTransport mixed = (url, address, headers, body, timeout) -> {
            if (url.getPath().equals("/slow")) {
                try {
                    hang.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Result(null, null, "Timeout");
            }
            healthySent.countDown();
            return new Result(200, "ok", null);
        };
        dispatcher = new WebhookDispatcher(rail.dispatcherPorts(mixed), TestRail.SETTINGS, rail.observer);
        Webhook slow = webhook(RECEIVER + "/slow");
        List<Delivery> slowOnes = List.of(delivery(slow), delivery(slow), delivery(slow), delivery(slow),
                delivery(slow));
        Webhook healthy = webhook(RECEIVER + "/healthy");
        List<Delivery> healthyOnes = List.of(delivery(healthy), delivery(healthy), delivery(healthy));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        WebhookDispatcher.Limits limits = new WebhookDispatcher.Limits(8, 2);
        try {
            // two slots for the slow webhook; the healthy one's attempts may free theirs before the pass ends
            assertThat(dispatcher.dispatch(pool, limits)).isBetween(4, 5);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (healthySent.getCount() > 0 && System.nanoTime() < deadline) {
                dispatcher.dispatch(pool, limits);
                healthySent.await(10, TimeUnit.MILLISECONDS);
            }

            assertThat(healthySent.getCount()).isZero();
            assertThat(dispatcher.inFlightTotal()).isGreaterThanOrEqualTo(2);
            for (Delivery d : healthyOnes) {
                awaitStatus(d, DeliveryStatus.DELIVERED);
            }
            assertThat(slowOnes.stream().map(this::stored).filter(d -> d.status() == DeliveryStatus.PENDING
                    && !d.nextRetryAt().isAfter(rail.clock.instant()))).hasSize(3);
        } finally {
            hang.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(dispatcher.inFlightTotal()).isZero();
    }

    private void awaitStatus(Delivery delivery, DeliveryStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stored(delivery).status() != status && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertThat(stored(delivery).status()).isEqualTo(status);
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
