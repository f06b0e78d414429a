package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.TestRail.caller;
import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.out.PacketStatistics.PacketStats;
import dev.handoffrail.core.testing.PacketFixtures;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsServiceTest {
    private final TestRail rail = new TestRail();
    private final StatsService service = new StatsService(rail.stores.packetStatistics(), rail.clock);

    @Test
    void statistics_cover_the_callers_tenant_relative_to_the_clock() {
        rail.stores.packets().insert(PacketFixtures.aPacket().createdAt(T0.minus(Duration.ofHours(30))).build());
        rail.stores.packets().insert(PacketFixtures.aPacket().claimedBy("billing-01").createdAt(T0)
                .claimedAt(T0.plusSeconds(10)).build());
        rail.stores.packets().insert(PacketFixtures.aPacket().awaitingHuman(null).build());
        rail.stores.packets().insert(PacketFixtures.aPacket().tenant(GLOBEX).build());
        rail.clock.advance(Duration.ofMinutes(1));

        PacketStats stats = service.stats(caller(ACME, Role.READER));

        assertThat(stats.total()).isEqualTo(3);
        assertThat(stats.byStatus()).isEqualTo(Map.of(PacketStatus.CREATED, 1L, PacketStatus.CLAIMED, 1L,
                PacketStatus.AWAITING_HUMAN, 1L));
        assertThat(stats.createdLast24h()).isEqualTo(2);
        assertThat(stats.avgClaimTimeSeconds()).isEqualTo(10.0);
        assertThat(stats.awaitingHuman()).isEqualTo(1);
    }
}
