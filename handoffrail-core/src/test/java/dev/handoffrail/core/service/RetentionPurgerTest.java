package dev.handoffrail.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditQuery;
import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.Fixtures;
import dev.handoffrail.core.testing.PacketFixtures;
import dev.handoffrail.core.testing.TenantFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RetentionPurgerTest {
    private static final Instant NOW = Fixtures.T0.plus(Duration.ofDays(30));

    @Test
    void terminal_packets_past_the_tier_retention_are_purged_with_their_history() {
        try (ServiceHarness h = ServiceHarness.withTier(Tier.FREE)) {
            Packet old = h.service.create(h.writer, ServiceHarness.draft());
            h.service.delete(h.writer, old.id());
            h.clock.set(NOW.minus(Duration.ofDays(6)));
            Packet recent = h.service.create(h.writer, ServiceHarness.draft());
            h.service.delete(h.writer, recent.id());
            Packet active = h.insert(PacketFixtures.aPacket().createdAt(Fixtures.T0));
            h.clock.set(NOW);

            int purged = new RetentionPurger(h.purgerPorts(), h.settings).runOnce();

            assertThat(purged).isEqualTo(1);
            assertThat(h.stores.packets().find(ServiceHarness.TENANT, old.id())).isEmpty();
            assertThat(h.history(old.id())).isEmpty();
            assertThat(h.stored(recent.id()).status()).isEqualTo(PacketStatus.EXPIRED);
            assertThat(h.history(recent.id())).hasSize(2);
            assertThat(h.stored(active.id())).isEqualTo(active);
        }
    }

    @Test
    void old_non_packet_audit_entries_go_and_recent_ones_stay() {
        try (ServiceHarness h = ServiceHarness.withTier(Tier.PRO)) {
            AuditEntry old = keyEntry(NOW.minus(Duration.ofDays(31)));
            AuditEntry recent = keyEntry(NOW.minus(Duration.ofDays(29)));
            h.stores.audit().append(List.of(old, recent));
            h.clock.set(NOW);

            new RetentionPurger(h.purgerPorts(), h.settings).runOnce();

            assertThat(h.stores.audit().query(ServiceHarness.TENANT,
                    new AuditQuery(AuditResource.API_KEY, null, null, null, null, null, 50, 0)).entries())
                    .containsExactly(recent);
        }
    }

    @Test
    void a_deleted_tenant_is_left_alone() {
        try (ServiceHarness h = ServiceHarness.create()) {
            h.stores.tenants().insert(TenantFixtures.aTenant().id(Fixtures.GLOBEX).tier(Tier.FREE)
                    .deletedAt(Fixtures.T0).build());
            Packet foreign = h.insert(PacketFixtures.aPacket().tenant(Fixtures.GLOBEX)
                    .status(PacketStatus.COMPLETED));
            h.clock.set(NOW);

            assertThat(new RetentionPurger(h.purgerPorts(), h.settings).runOnce()).isZero();

            assertThat(h.stores.packets().find(Fixtures.GLOBEX, foreign.id())).contains(foreign);
        }
    }

    private static AuditEntry keyEntry(Instant at) {
        return new AuditEntry(UUID.randomUUID(), ServiceHarness.TENANT, AuditResource.API_KEY, "key-1", null,
                "created", "key:hr_admin", Map.of(), at, null);
    }
}
