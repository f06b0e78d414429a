package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.ErrorAssertions.assertError;
import static dev.handoffrail.core.service.ErrorAssertions.assertFieldError;
import static dev.handoffrail.core.service.TestRail.caller;
import static dev.handoffrail.core.service.TestRail.ip;
import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.port.in.ManageWebhooksUseCase;
import dev.handoffrail.core.port.in.ManageWebhooksUseCase.RetryAllResult;
import dev.handoffrail.core.port.out.WebhookTransport;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.DeliveryFixtures;
import dev.handoffrail.core.testing.PacketFixtures;
import dev.handoffrail.core.testing.WebhookFixtures;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryId;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.Webhook;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class WebhookServiceTest {
    private static final String SECRET = "whsec_0123456789abcdef";
    private static final String OK_URL = "https://ok.example.test/hook";
    private static final String DOWN_URL = "https://down.example.test/hook";

    private final TestRail rail = new TestRail();
    private final List<URI> sent = new CopyOnWriteArrayList<>();
    /** Answers 200 for ok.example.test and 500 for everything else. */
    private final WebhookTransport transport = (url, pinned, headers, body, timeout) -> {
        sent.add(url);
        return url.getHost().startsWith("ok.") ? new WebhookTransport.Result(200, null, null)
                : new WebhookTransport.Result(500, "down", null);
    };
    private final WebhookDispatcher dispatcher = new WebhookDispatcher(rail.dispatcherPorts(transport),
            TestRail.SETTINGS, rail.observer);
    private final WebhookService service = new WebhookService(rail.webhookPorts(), TestRail.SETTINGS, dispatcher);
    private final Caller writer = caller(ACME, Role.WRITER);
    private final Packet packet = PacketFixtures.aPacket().build();

    WebhookServiceTest() {
        rail.dns.put("ok.example.test", ip("93.184.216.34"));
        rail.dns.put("down.example.test", ip("93.184.216.35"));
        rail.dns.put("private.example.test", ip("10.0.0.7"));
    }

    @Test
    void a_registration_without_events_gets_the_default_set_and_is_audited() {
        rail.tenant(ACME, Tier.PRO);

        Webhook webhook = service.register(writer, OK_URL, null, SECRET);

        assertThat(webhook.events()).containsExactlyInAnyOrder(EventType.PACKET_CREATED, EventType.PACKET_CLAIMED,
                EventType.PACKET_COMPLETED, EventType.PACKET_FAILED);
        assertThat(webhook.active()).isTrue();
        assertThat(webhook.tenant()).isEqualTo(ACME);
        assertThat(webhook.secret()).isEqualTo(SECRET);
        assertThat(webhook.createdAt()).isEqualTo(T0);
        assertThat(rail.stores.webhooks().find(ACME, webhook.id())).contains(webhook);
        AuditEntry entry = rail.onlyAuditEntry(ACME);
        assertThat(entry.action()).isEqualTo("webhook.created");
        assertThat(entry.resourceId()).isEqualTo(webhook.id().toString());
        assertThat(entry.details()).containsOnly(entry("url", OK_URL), entry("events",
                List.of("packet.created", "packet.claimed", "packet.completed", "packet.failed")));
    }

    @Test
    void registering_needs_a_writer() {
        rail.tenant(ACME, Tier.PRO);

        assertError(() -> service.register(caller(ACME, Role.AGENT), OK_URL, null, SECRET), ErrorCode.FORBIDDEN,
                "Insufficient permissions. Required role: writer, current role: agent");
    }

    @Test
    void the_secret_must_have_16_to_256_characters_and_events_must_not_be_empty() {
        rail.tenant(ACME, Tier.PRO);

        assertFieldError(() -> service.register(writer, OK_URL, null, "s".repeat(15)), "secret",
                "must be at least 16 characters");
        assertFieldError(() -> service.register(writer, OK_URL, null, "s".repeat(257)), "secret",
                "must be at most 256 characters");
        assertFieldError(() -> service.register(writer, OK_URL, null, null), "secret", "field is required");
        assertFieldError(() -> service.register(writer, OK_URL, Set.of(), SECRET), "events", "must not be empty");
        assertFieldError(() -> service.register(writer, null, null, SECRET), "url", "field is required");
        assertThat(service.register(writer, OK_URL, null, "s".repeat(16)).events()).hasSize(4);
    }

    @Test
    void urls_refused_by_the_ssrf_rules_are_not_registered() {
        rail.tenant(ACME, Tier.PRO);

        assertError(() -> service.register(writer, "https://private.example.test/hook", null, SECRET),
                ErrorCode.URL_NOT_ALLOWED, "Webhook URL blocked: 10.0.0.7 is in blocked range 10.0.0.0/8");
        assertError(() -> service.register(writer, "http://ok.example.test/hook", null, SECRET),
                ErrorCode.URL_NOT_ALLOWED,
                "Webhook URL blocked: http is only allowed in development or for allow-listed hosts");
        assertFieldError(() -> service.register(writer, "https://user:pw@ok.example.test/", null, SECRET), "url",
                "must not contain user info");
        assertThat(service.list(writer)).isEmpty();
    }

    @Test
    void the_tier_limits_active_webhooks() {
        rail.tenant(ACME, Tier.FREE);

        assertThatThrownBy(() -> service.register(writer, OK_URL, null, SECRET))
                .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
                    assertThat(e.extras()).containsOnly(entry("quota", "max_webhooks"), entry("limit", 0L),
                            entry("tier", "free"));
                });
    }

    @Test
    void inactive_webhooks_do_not_count_against_the_quota() {
        rail.tenant(ACME, Tier.PRO);
        for (int i = 0; i < 5; i++) {
            service.register(writer, OK_URL, null, SECRET);
        }
        assertError(() -> service.register(writer, OK_URL, null, SECRET), ErrorCode.QUOTA_EXCEEDED,
                "Quota exceeded: max_webhooks (limit 5 for pro tier)");

        service.deactivate(writer, service.list(writer).get(0).id());

        assertThat(service.register(writer, OK_URL, null, SECRET).active()).isTrue();
    }

    @Test
    void listing_shows_the_tenants_webhooks_newest_first_inactive_included() {
        Webhook old = stored(WebhookFixtures.aWebhook().createdAt(T0.minusSeconds(60)).inactive());
        Webhook recent = stored(WebhookFixtures.aWebhook());
        stored(WebhookFixtures.aWebhook().tenant(GLOBEX));

        assertThat(service.list(writer)).extracting(Webhook::id).containsExactly(recent.id(), old.id());
    }

    @Test
    void deactivating_cancels_open_deliveries_into_the_dead_letter_queue() {
        Webhook webhook = stored(WebhookFixtures.aWebhook().url(OK_URL));
        Delivery pending = delivery(DeliveryFixtures.aDelivery(webhook, packet));
        Delivery failed = delivery(DeliveryFixtures.aDelivery(webhook, packet).failed(2, T0.plusSeconds(5)));
        Delivery delivered = delivery(DeliveryFixtures.aDelivery(webhook, packet).delivered(T0));
        rail.clock.advance(Duration.ofMinutes(1));

        service.deactivate(writer, webhook.id());

        assertThat(rail.stores.webhooks().find(ACME, webhook.id()).orElseThrow().active()).isFalse();
        for (Delivery cancelled : List.of(stored(pending), stored(failed))) {
            assertThat(cancelled.status()).isEqualTo(DeliveryStatus.DEAD_LETTER);
            assertThat(cancelled.lastError()).isEqualTo("Webhook inactive");
            assertThat(cancelled.nextRetryAt()).isNull();
        }
        assertThat(stored(delivered)).isEqualTo(delivered);
        AuditEntry entry = rail.onlyAuditEntry(ACME);
        assertThat(entry.action()).isEqualTo("webhook.deactivated");
        assertThat(entry.details()).containsOnly(entry("deliveries_cancelled", 2));
    }

    @Test
    void deactivating_twice_is_a_conflict_and_another_tenants_webhook_is_not_found() {
        Webhook webhook = stored(WebhookFixtures.aWebhook().inactive());
        Webhook foreign = stored(WebhookFixtures.aWebhook().tenant(GLOBEX));

        assertError(() -> service.deactivate(writer, webhook.id()), ErrorCode.CONFLICT,
                "Webhook " + webhook.id() + " is already inactive");
        assertError(() -> service.deactivate(writer, foreign.id()), ErrorCode.NOT_FOUND,
                "Webhook " + foreign.id() + " not found");
        assertError(() -> service.deliveries(writer, foreign.id(), null, 50, 0), ErrorCode.NOT_FOUND,
                "Webhook " + foreign.id() + " not found");
    }

    @Test
    void rotating_returns_a_new_random_secret_keeps_the_old_one_for_the_grace_period_and_is_audited() {
        rail.tenant(ACME, Tier.PRO);
        Webhook webhook = service.register(writer, OK_URL, null, SECRET);

        ManageWebhooksUseCase.RotatedSecret rotated = service.rotateSecret(writer, webhook.id(), 3_600L);

        assertThat(rotated.secret()).startsWith("whsec_").hasSize(6 + 43).isNotEqualTo(SECRET);
        assertThat(rotated.toString()).doesNotContain(rotated.secret());
        Webhook stored = rail.stores.webhooks().find(ACME, webhook.id()).orElseThrow();
        assertThat(stored.secret()).isEqualTo(rotated.secret());
        assertThat(stored.previousSecret()).isEqualTo(SECRET);
        assertThat(stored.previousSecretExpiresAt()).isEqualTo(T0.plusSeconds(3_600));
        assertThat(rotated.webhook()).isEqualTo(stored);
        assertThat(service.rotateSecret(writer, webhook.id(), null).secret()).isNotEqualTo(rotated.secret());
        assertThat(rail.stores.webhooks().find(ACME, webhook.id()).orElseThrow().previousSecretExpiresAt())
                .isEqualTo(T0.plusSeconds(ManageWebhooksUseCase.DEFAULT_GRACE_SECONDS));
        assertThat(rail.audit(ACME)).extracting(AuditEntry::action).contains("webhook.secret_rotated");
        assertThat(rail.audit(ACME)).filteredOn(e -> e.action().equals("webhook.secret_rotated"))
                .extracting(AuditEntry::details).contains(Map.of("grace_period_seconds", 3_600L));
    }

    @Test
    void rotating_checks_the_grace_period_the_role_the_tenant_and_that_the_webhook_is_active() {
        rail.tenant(ACME, Tier.PRO);
        Webhook webhook = service.register(writer, OK_URL, null, SECRET);

        assertFieldError(() -> service.rotateSecret(writer, webhook.id(), -1L), "grace_period_seconds",
                "must be between 0 and 604800");
        assertFieldError(() -> service.rotateSecret(writer, webhook.id(), 604_801L), "grace_period_seconds",
                "must be between 0 and 604800");
        assertError(() -> service.rotateSecret(caller(ACME, Role.AGENT), webhook.id(), null), ErrorCode.FORBIDDEN,
                "Insufficient permissions. Required role: writer, current role: agent");
        assertError(() -> service.rotateSecret(caller(GLOBEX, Role.WRITER), webhook.id(), null),
                ErrorCode.NOT_FOUND, "Webhook " + webhook.id() + " not found");
        service.deactivate(writer, webhook.id());
        assertError(() -> service.rotateSecret(writer, webhook.id(), null), ErrorCode.CONFLICT,
                "Webhook " + webhook.id() + " is inactive");
        assertThat(rail.stores.webhooks().find(ACME, webhook.id()).orElseThrow().secret()).isEqualTo(SECRET);
    }

    @Test
    void deliveries_are_listed_newest_first_and_filtered_by_status() {
        Webhook webhook = stored(WebhookFixtures.aWebhook());
        Delivery older = delivery(DeliveryFixtures.aDelivery(webhook, packet).createdAt(T0.minusSeconds(9)));
        Delivery newer = delivery(DeliveryFixtures.aDelivery(webhook, packet).delivered(T0));

        assertThat(service.deliveries(writer, webhook.id(), null, 50, 0)).containsExactly(newer, older);
        assertThat(service.deliveries(writer, webhook.id(), DeliveryStatus.PENDING, 50, 0)).containsExactly(older);
        assertThat(service.deliveries(writer, webhook.id(), null, 1, 1)).containsExactly(older);
    }

    @Test
    void the_dead_letter_queue_holds_only_the_tenants_dead_letters() {
        Webhook webhook = stored(WebhookFixtures.aWebhook());
        Webhook foreign = stored(WebhookFixtures.aWebhook().tenant(GLOBEX));
        Delivery dead = delivery(DeliveryFixtures.aDelivery(webhook, packet).deadLetter(T0));
        delivery(DeliveryFixtures.aDelivery(webhook, packet));
        delivery(DeliveryFixtures.aDelivery(foreign, packet).deadLetter(T0));

        assertThat(service.deadLetters(writer, 50, 0)).containsExactly(dead);
    }

    @Test
    void replaying_resets_a_dead_letter_and_makes_one_immediate_attempt() {
        Webhook webhook = stored(WebhookFixtures.aWebhook().url(OK_URL));
        Delivery dead = delivery(DeliveryFixtures.aDelivery(webhook, packet).deadLetter(T0));
        rail.clock.advance(Duration.ofMinutes(1));

        Delivery replayed = service.replay(writer, dead.id());

        assertThat(replayed.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(replayed.attempts()).isEqualTo(1);
        assertThat(replayed.deliveredAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(stored(dead)).isEqualTo(replayed);
        assertThat(sent).containsExactly(URI.create(OK_URL));
        AuditEntry entry = rail.onlyAuditEntry(ACME);
        assertThat(entry.action()).isEqualTo("webhook.replayed");
        assertThat(entry.resourceId()).isEqualTo(webhook.id().toString());
        assertThat(entry.details()).containsOnly(entry("delivery_id", dead.id().toString()));
    }

    @Test
    void a_failed_replay_continues_on_the_retry_schedule() {
        Webhook webhook = stored(WebhookFixtures.aWebhook().url(DOWN_URL));
        Delivery dead = delivery(DeliveryFixtures.aDelivery(webhook, packet).deadLetter(T0));

        Delivery replayed = service.replay(writer, dead.id());

        assertThat(replayed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(replayed.attempts()).isEqualTo(1);
        assertThat(replayed.lastError()).isEqualTo("HTTP 500: down");
        assertThat(replayed.nextRetryAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void only_dead_letters_of_active_webhooks_in_the_tenant_can_be_replayed() {
        Webhook webhook = stored(WebhookFixtures.aWebhook().url(OK_URL));
        Webhook inactive = stored(WebhookFixtures.aWebhook().url(OK_URL).inactive());
        Delivery pending = delivery(DeliveryFixtures.aDelivery(webhook, packet));
        Delivery deadOfInactive = delivery(DeliveryFixtures.aDelivery(inactive, packet).deadLetter(T0));
        Webhook foreign = stored(WebhookFixtures.aWebhook().tenant(GLOBEX).url(OK_URL));
        Delivery foreignDead = delivery(DeliveryFixtures.aDelivery(foreign, packet).deadLetter(T0));
        DeliveryId unknown = DeliveryId.random();

        assertError(() -> service.replay(writer, pending.id()), ErrorCode.CONFLICT,
                "Delivery " + pending.id() + " is not in dead_letter (status pending)");
        assertError(() -> service.replay(writer, deadOfInactive.id()), ErrorCode.CONFLICT,
                "Webhook " + inactive.id() + " is inactive");
        assertError(() -> service.replay(writer, foreignDead.id()), ErrorCode.NOT_FOUND,
                "Delivery " + foreignDead.id() + " not found");
        assertError(() -> service.replay(writer, unknown), ErrorCode.NOT_FOUND, "Delivery " + unknown + " not found");
        assertThat(sent).isEmpty();
        assertThat(stored(deadOfInactive)).isEqualTo(deadOfInactive);
    }

    @Test
    void retry_all_attempts_the_tenants_failed_deliveries_now_and_counts_the_outcomes() {
        rail.tenant(ACME, Tier.PRO);
        Webhook up = stored(WebhookFixtures.aWebhook().url(OK_URL));
        Webhook down = stored(WebhookFixtures.aWebhook().url(DOWN_URL));
        Delivery first = delivery(DeliveryFixtures.aDelivery(up, packet).failed(1, T0.plus(Duration.ofHours(1))));
        Delivery second = delivery(DeliveryFixtures.aDelivery(up, packet).failed(3, T0.plusSeconds(30)));
        Delivery third = delivery(DeliveryFixtures.aDelivery(down, packet).failed(2, T0.plusSeconds(5)));
        Delivery dead = delivery(DeliveryFixtures.aDelivery(up, packet).deadLetter(T0));
        Webhook foreign = stored(WebhookFixtures.aWebhook().tenant(GLOBEX).url(OK_URL));
        Delivery foreignFailed = delivery(DeliveryFixtures.aDelivery(foreign, packet).failed(1, T0));

        RetryAllResult result = service.retryAll(caller(ACME, Role.ADMIN));

        assertThat(result).isEqualTo(new RetryAllResult(3, 2, 1));
        assertThat(stored(first).status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(stored(second).attempts()).isEqualTo(4);
        assertThat(stored(third).attempts()).isEqualTo(3);
        assertThat(stored(third).nextRetryAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(stored(dead)).isEqualTo(dead);
        assertThat(stored(foreignFailed)).isEqualTo(foreignFailed);
    }

    @Test
    void retry_all_needs_an_admin() {
        assertError(() -> service.retryAll(writer), ErrorCode.FORBIDDEN,
                "Insufficient permissions. Required role: admin, current role: writer");
    }

    private Webhook stored(WebhookFixtures.Builder builder) {
        Webhook webhook = builder.secret(SECRET).build();
        rail.stores.webhooks().insert(webhook);
        return webhook;
    }

    private Delivery delivery(DeliveryFixtures.Builder builder) {
        Delivery delivery = builder.build();
        rail.stores.deliveries().insert(List.of(delivery));
        return delivery;
    }

    private Delivery stored(Delivery delivery) {
        return rail.stores.deliveries().find(delivery.tenant(), delivery.id()).orElseThrow();
    }
}
