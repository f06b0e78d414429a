package dev.handoffrail.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.IssuedApiKey;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.in.Claimant;
import dev.handoffrail.core.port.in.IdempotencyUseCase;
import dev.handoffrail.core.port.in.IdempotencyUseCase.RememberedResponse;
import dev.handoffrail.core.port.in.ManageTenantsUseCase.TenantChanges;
import dev.handoffrail.core.port.in.MonitoringUseCase.Gauges;
import dev.handoffrail.core.port.in.MonitoringUseCase.SystemReport;
import dev.handoffrail.core.port.in.RevocationsUseCase;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.Fixtures;
import dev.handoffrail.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The use cases that exist for adapters (idempotency, monitoring, revocations, a key's tier), through the public
 * rail: what an adapter used to read from the ports directly.
 */
class AdapterUseCasesTest {
    private static final byte[] CREATED = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = MutableClock.atT0();
    private final HandoffRail rail = HandoffRail.builder().clock(clock).build();
    private final Caller platformAdmin = callerOf(rail.manageKeys().bootstrap(null));
    private final Tenant tenant = rail.manageTenants().create(platformAdmin, "Acme", Tier.PRO, null, null, null);
    private final IssuedApiKey tenantKey = rail.manageKeys().create(platformAdmin, "admin", Role.ADMIN, tenant.id(),
            false);
    private final Caller tenantAdmin = callerOf(tenantKey);

    @AfterEach
    void close() {
        rail.close();
    }

    @Test
    void an_idempotency_key_runs_once_then_replays_and_refuses_other_requests_for_a_day() {
        IdempotencyUseCase idempotency = rail.idempotency();

        assertThat(idempotency.begin(tenant.id(), "k1", "hash-a")).isEmpty();
        assertThat(code(() -> idempotency.begin(tenant.id(), "k1", "hash-a")))
                .isEqualTo(ErrorCode.IDEMPOTENCY_KEY_IN_USE);
        idempotency.complete(tenant.id(), "k1", 201, CREATED);

        assertThat(idempotency.begin(tenant.id(), "k1", "hash-a")).contains(new RememberedResponse(201, CREATED));
        assertThat(code(() -> idempotency.begin(tenant.id(), "k1", "hash-b")))
                .isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertThat(idempotency.begin(new TenantId("other"), "k1", "hash-b")).isEmpty();
        clock.set(Fixtures.T0.plus(IdempotencyUseCase.RETENTION));
        assertThat(idempotency.begin(tenant.id(), "k1", "hash-b")).isEmpty();
    }

    @Test
    void a_key_still_in_use_says_when_to_retry_and_a_released_key_runs_again() {
        IdempotencyUseCase idempotency = rail.idempotency();
        idempotency.begin(tenant.id(), "k2", "hash");

        HandoffRailException inUse = refusal(() -> idempotency.begin(tenant.id(), "k2", "hash"));
        idempotency.release(tenant.id(), "k2");

        assertThat(inUse.extras()).containsEntry("retry_after", 1L);
        assertThat(idempotency.begin(tenant.id(), "k2", "hash")).isEmpty();
    }

    @Test
    void the_system_report_counts_across_tenants_and_only_for_platform_admins() {
        Packet claimed = rail.createPacket().create(tenantAdmin, draft("a", "b"));
        rail.claimPacket().claim(tenantAdmin, claimed.id(), new Claimant("c", "C", null));
        rail.createPacket().create(tenantAdmin, draft("a", "b"));
        clock.advance(Duration.ofMinutes(1));

        SystemReport report = rail.monitoring().systemReport(platformAdmin);

        assertThat(report.at()).isEqualTo(Fixtures.T0.plus(Duration.ofMinutes(1)));
        assertThat(report.packetsByStatus()).containsEntry(PacketStatus.CREATED, 1L)
                .containsEntry(PacketStatus.CLAIMED, 1L);
        assertThat(report.packets().createdLastHour()).isEqualTo(2);
        assertThat(report.activeAgents()).isEqualTo(3);
        assertThat(report.activeApiKeys()).isEqualTo(2);
        assertThat(report.webhooks()).isZero();
        assertThat(report.deliveriesLastHour().attempted()).isZero();
        assertThat(code(() -> rail.monitoring().systemReport(tenantAdmin))).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void the_gauges_count_packets_per_status_and_dead_letters_per_tenant() {
        rail.createPacket().create(tenantAdmin, draft("a", "b"));

        Gauges gauges = rail.monitoring().gauges();

        assertThat(gauges.packetsByStatus()).containsEntry(PacketStatus.CREATED, 1L);
        assertThat(gauges.deadLetters()).isEmpty();
    }

    @Test
    void revoking_a_key_and_deleting_a_tenant_reach_every_revocation_listener() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        AutoCloseable subscription = rail.revocations().subscribe(new RevocationsUseCase.Listener() {
            @Override
            public void keyRevoked(ApiKeyId key) {
                heard.add("key " + key);
            }

            @Override
            public void tenantDeleted(TenantId deleted) {
                heard.add("tenant " + deleted.value());
            }
        });

        rail.manageKeys().revoke(platformAdmin, tenantKey.key().id());
        rail.manageTenants().delete(platformAdmin, tenant.id());
        subscription.close();
        rail.manageKeys().create(platformAdmin, "late", Role.READER, null, false);

        assertThat(heard).containsExactly("key " + tenantKey.key().id(), "tenant " + tenant.id().value());
    }

    @Test
    void changing_a_tenants_tier_reaches_every_revocation_listener() throws Exception {
        List<TenantId> changed = new CopyOnWriteArrayList<>();
        AutoCloseable subscription = rail.revocations().subscribe(new RevocationsUseCase.Listener() {
            @Override
            public void keyRevoked(ApiKeyId key) {
            }

            @Override
            public void tenantDeleted(TenantId deleted) {
            }

            @Override
            public void tenantChanged(TenantId tenant) {
                changed.add(tenant);
            }
        });

        rail.manageTenants().update(platformAdmin, tenant.id(),
                new TenantChanges(null, Tier.BUSINESS, null, false, null, false));
        subscription.close();

        assertThat(changed).containsExactly(tenant.id());
    }

    @Test
    void a_keys_tier_is_its_tenants() {
        assertThat(rail.manageKeys().tierOf(tenantKey.key())).isEqualTo(Optional.of(Tier.PRO));
    }

    private Caller callerOf(IssuedApiKey key) {
        return Caller.of(rail.authenticate().authenticate(key.secret()).key());
    }

    private static PacketDraft draft(String source, String target) {
        return PacketDraft.of(AgentInfo.of(source, source), AgentInfo.of(target, target), "Handoff");
    }

    private static ErrorCode code(Runnable call) {
        return refusal(call).code();
    }

    private static HandoffRailException refusal(Runnable call) {
        try {
            call.run();
        } catch (HandoffRailException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }
}
