package dev.handoffrail.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.IssuedApiKey;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.memory.InMemoryStores;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.in.ClaimPacketUseCase.ClaimNextCommand;
import dev.handoffrail.core.port.in.Claimant;
import dev.handoffrail.core.port.in.RevocationsUseCase;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.HostResolver;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.DeliveryFixtures;
import dev.handoffrail.core.testing.Fixtures;
import dev.handoffrail.core.testing.MutableClock;
import dev.handoffrail.core.testing.PacketFixtures;
import dev.handoffrail.core.testing.ScriptedTransport;
import dev.handoffrail.core.testing.WebhookFixtures;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.Webhook;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandoffRailBuilderTest {
    private static final AgentInfo SUPPORT = AgentInfo.of("support-01", "SupportBot");
    private static final AgentInfo BILLING = AgentInfo.of("billing-01", "BillingBot");
    private static final RailSettings ALLOW_LOCAL = new RailSettings(RailSettings.defaults().tiers(), Tier.FREE,
            Duration.ofDays(1), false, RailSettings.defaults().webhookRetryDelays(), Duration.ofSeconds(5),
            Set.of("127.0.0.1"), 60, 30);

    @Test
    void an_in_memory_rail_offers_every_use_case_and_worker() {
        try (HandoffRail rail = HandoffRail.inMemory()) {
            assertThat(rail.createPacket()).isNotNull();
            assertThat(rail.batchPackets()).isNotNull();
            assertThat(rail.queryPackets()).isNotNull();
            assertThat(rail.updatePacket()).isNotNull();
            assertThat(rail.claimPacket()).isNotNull();
            assertThat(rail.respondToCheckpoint()).isNotNull();
            assertThat(rail.authenticate()).isNotNull();
            assertThat(rail.manageKeys()).isNotNull();
            assertThat(rail.manageTenants()).isNotNull();
            assertThat(rail.manageWebhooks()).isNotNull();
            assertThat(rail.manageSchemas()).isNotNull();
            assertThat(rail.queryAudit()).isNotNull();
            assertThat(rail.stats()).isNotNull();
            assertThat(rail.expirySweeper()).isNotNull();
            assertThat(rail.retentionPurger()).isNotNull();
            assertThat(rail.rateLimits()).isNotNull();
            assertThat(rail.idempotency()).isNotNull();
            assertThat(rail.revocations()).isNotNull();
            assertThat(rail.monitoring()).isNotNull();
            assertThat(rail.webhookDispatcher().runOnce()).isZero();
            Caller admin = Caller.of(rail.authenticate().authenticate(rail.manageKeys().bootstrap(null).secret())
                    .key());
            assertThatThrownBy(() -> rail.manageSchemas().register(admin, "no-validator", null,
                    Map.of("type", "object")))
                    .extracting(e -> ((HandoffRailException) e).code()).isEqualTo(ErrorCode.INVALID_SCHEMA);
        }
    }

    @Test
    void given_stores_clock_and_settings_are_the_ones_used() {
        InMemoryStores stores = InMemoryStores.create();
        MutableClock clock = MutableClock.atT0();
        RailSettings settings = new RailSettings(RailSettings.defaults().tiers(), Tier.PRO, Duration.ofHours(1),
                false, RailSettings.defaults().webhookRetryDelays(), Duration.ofSeconds(3), Set.of(), 60, 30);

        try (HandoffRail rail = withStores(stores).clock(clock).settings(settings).build()) {
            IssuedApiKey key = rail.manageKeys().bootstrap(null);

            assertThat(stores.keys().findById(key.key().id())).contains(key.key());
            assertThat(key.key().createdAt()).isEqualTo(Fixtures.T0);
            assertThat(stores.tenants().find(TenantId.DEFAULT)).isPresent();
            assertThat(rail.settings()).isEqualTo(settings);
            assertThat(rail.clock()).isSameAs(clock);
            List<ApiKeyId> revoked = new ArrayList<>();
            rail.revocations().subscribe(new RevocationsUseCase.Listener() {
                @Override
                public void keyRevoked(ApiKeyId id) {
                    revoked.add(id);
                }

                @Override
                public void tenantDeleted(TenantId tenant) {
                }
            });
            stores.eventBus().publish(new EventBus.KeyRevoked(TenantId.DEFAULT, key.key().id(), "hash"));
            assertThat(revoked).containsExactly(key.key().id());
        }
    }

    @Test
    void some_transactional_stores_without_the_others_are_refused() {
        InMemoryStores stores = InMemoryStores.create();

        assertThatThrownBy(() -> HandoffRail.builder().packetStore(stores.packets()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("set the transactor and every transactional store together (packet, packet statistics, "
                        + "audit, tenant, API key, webhook, delivery, schema, daily handoff, idempotency), or none");
    }

    @Test
    void closing_ends_waiting_claim_next_calls() throws Exception {
        HandoffRail rail = HandoffRail.inMemory();
        Caller caller = Caller.of(rail.authenticate().authenticate(rail.manageKeys().bootstrap(null).secret()).key());
        CompletableFuture<Optional<Packet>> waiting = CompletableFuture.supplyAsync(() -> rail.claimPacket()
                .claimNext(caller, new ClaimNextCommand(Claimant.of(BILLING), null, Set.of(), Duration.ofSeconds(30))));

        rail.close();
        rail.close();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void a_created_packet_reaches_a_registered_webhook_through_the_given_transport() {
        ScriptedTransport transport = ScriptedTransport.answering(200, "ok");
        try (HandoffRail rail = HandoffRail.builder().settings(ALLOW_LOCAL).hostResolver(HostResolver.system())
                .webhookTransport(transport).build()) {
            Caller caller = admin(rail);
            rail.manageWebhooks().register(caller, "http://127.0.0.1:8089/hook", Set.of(EventType.PACKET_CREATED),
                    "whsec_0123456789abcdef");
            Packet packet = rail.createPacket().create(caller, PacketDraft.of(SUPPORT, BILLING, "Upgrade"));

            assertThat(rail.webhookDispatcher().runOnce()).isEqualTo(1);

            ScriptedTransport.Sent request = transport.sent().get(0);
            assertThat(request.url()).isEqualTo(URI.create("http://127.0.0.1:8089/hook"));
            assertThat(request.headers()).containsEntry("X-HR-Event", "packet.created");
            assertThat(new String(request.body(), StandardCharsets.UTF_8)).contains(packet.id().toString());
        }
    }

    @Test
    void without_a_transport_registering_a_webhook_is_refused_and_everything_else_works() {
        try (HandoffRail rail = HandoffRail.builder().settings(ALLOW_LOCAL).build()) {
            Caller caller = admin(rail);

            assertThatThrownBy(() -> rail.manageWebhooks().register(caller, "http://127.0.0.1:8089/hook",
                    Set.of(EventType.PACKET_CREATED), "whsec_0123456789abcdef"))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
                        assertThat(e.getMessage()).isEqualTo("Webhook delivery is not configured: build the rail "
                                + "with HandoffRailBuilder.webhookTransport(...)");
                    });
            assertThat(rail.manageWebhooks().list(caller)).isEmpty();
            Packet packet = rail.createPacket().create(caller, PacketDraft.of(SUPPORT, BILLING, "Upgrade"));
            assertThat(rail.claimPacket().claim(caller, packet.id(), Claimant.of(BILLING)).status())
                    .isEqualTo(PacketStatus.CLAIMED);
        }
    }

    @Test
    void without_a_transport_a_stored_delivery_fails_each_attempt_with_a_clear_error() {
        InMemoryStores stores = InMemoryStores.create();
        try (HandoffRail rail = withStores(stores).settings(ALLOW_LOCAL).build()) {
            rail.manageKeys().bootstrap(null);
            Webhook webhook = WebhookFixtures.aWebhook().tenant(TenantId.DEFAULT).url("http://127.0.0.1:8089/hook")
                    .build();
            stores.webhooks().insert(webhook);
            Delivery delivery = DeliveryFixtures.aDelivery(webhook, PacketFixtures.aPacket().build()).build();
            stores.deliveries().insert(List.of(delivery));

            assertThat(rail.webhookDispatcher().runOnce()).isEqualTo(1);

            Delivery failed = stores.deliveries().find(TenantId.DEFAULT, delivery.id()).orElseThrow();
            assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.lastError()).isEqualTo("No webhook transport configured");
            assertThat(failed.lastStatusCode()).isNull();
        }
    }

    private static Caller admin(HandoffRail rail) {
        return Caller.of(rail.authenticate().authenticate(rail.manageKeys().bootstrap(null).secret()).key());
    }

    private static HandoffRailBuilder withStores(InMemoryStores stores) {
        return HandoffRail.builder().transactor(stores.transactor()).packetStore(stores.packets())
                .packetStatistics(stores.packetStatistics())
                .auditLog(stores.audit()).tenantStore(stores.tenants()).apiKeyStore(stores.keys())
                .webhookStore(stores.webhooks()).deliveryStore(stores.deliveries()).schemaStore(stores.schemas())
                .dailyHandoffCounter(stores.dailyHandoffs()).idempotencyStore(stores.idempotency())
                .eventBus(stores.eventBus());
    }
}
