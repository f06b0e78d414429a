package dev.handoffrail.core.contract;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.out.PacketStatistics;
import dev.handoffrail.core.port.out.PacketStatistics.PacketStats;
import dev.handoffrail.core.port.out.PacketStatistics.SystemPacketStats;
import dev.handoffrail.core.port.out.PacketStatistics.SystemPacketStats.AgentCount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link PacketStatistics} contract: aggregate figures over the packets stored through the packet store. */
public abstract class PacketStatisticsContract extends StoreContract {
    private PacketStatistics statistics;

    @BeforeEach
    final void givenTenants() {
        givenTwoTenants();
        statistics = stores.packetStatistics();
    }

    @Test
    void another_tenants_packets_are_absent_from_its_figures() {
        stored(aPacket().tenant(ACME));

        assertThat(statistics.countByStatus(GLOBEX)).isEmpty();
        assertThat(statistics.stats(GLOBEX, T0.plusSeconds(60)).total()).isZero();
    }

    @Test
    void counts_by_status_cover_one_tenant_or_all_and_omit_empty_statuses() {
        stored(aPacket());
        stored(aPacket());
        stored(aPacket().claimedBy("billing-01"));
        stored(aPacket().status(PacketStatus.COMPLETED));
        stored(aPacket().tenant(GLOBEX));
        stored(aPacket().tenant(GLOBEX).status(PacketStatus.FAILED));

        assertThat(statistics.countByStatus(ACME)).isEqualTo(Map.of(
                PacketStatus.CREATED, 2L, PacketStatus.CLAIMED, 1L, PacketStatus.COMPLETED, 1L));
        assertThat(statistics.countByStatus(null)).isEqualTo(Map.of(
                PacketStatus.CREATED, 3L, PacketStatus.CLAIMED, 1L, PacketStatus.COMPLETED, 1L,
                PacketStatus.FAILED, 1L));
    }

    @Test
    void stats_aggregate_the_tenants_packets_relative_to_now() {
        Instant now = T0.plus(Duration.ofHours(48));
        Instant createdA = now.minus(Duration.ofHours(23));
        Instant createdB = now.minus(Duration.ofHours(25));
        stored(aPacket().createdAt(now.minus(Duration.ofHours(1))));
        stored(aPacket().claimedBy("billing-01").createdAt(createdA).claimedAt(createdA.plusSeconds(10)));
        stored(aPacket().status(PacketStatus.COMPLETED).createdAt(createdB)
                .claimedAt(createdB.plusMillis(20_500)).updatedAt(createdB.plusSeconds(60)));
        stored(aPacket().awaitingHuman(null).createdAt(now.minus(Duration.ofHours(30))));
        stored(aPacket().tenant(GLOBEX).claimedBy("x").createdAt(now.minusSeconds(5)).claimedAt(now));

        PacketStats stats = statistics.stats(ACME, now);

        assertThat(stats).isEqualTo(new PacketStats(4, Map.of(PacketStatus.CREATED, 1L, PacketStatus.CLAIMED, 1L,
                PacketStatus.COMPLETED, 1L, PacketStatus.AWAITING_HUMAN, 1L), 2, 15.25, 1));
    }

    @Test
    void stats_without_claims_have_no_average_claim_time() {
        stored(aPacket());

        PacketStats stats = statistics.stats(ACME, T0.plusSeconds(1));

        assertThat(stats).isEqualTo(new PacketStats(1, Map.of(PacketStatus.CREATED, 1L), 1, null, 0));
    }

    @Test
    void system_stats_aggregate_every_tenants_packets_relative_to_now() {
        Instant now = T0.plus(Duration.ofHours(48));
        Instant createdA = now.minus(Duration.ofHours(23));
        Instant createdB = now.minus(Duration.ofHours(25));
        stored(aPacket().createdAt(now.minus(Duration.ofHours(1))));
        stored(aPacket().claimedBy("billing-01").createdAt(createdA).claimedAt(createdA.plusSeconds(10)));
        stored(aPacket().source("alpha").status(PacketStatus.COMPLETED).createdAt(createdB)
                .claimedAt(createdB.plusMillis(20_500)).completedAt(createdB.plusSeconds(60)));
        stored(aPacket().tenant(GLOBEX).target("zeta").createdAt(now.minus(Duration.ofHours(20))));
        stored(aPacket().tenant(GLOBEX).source("loop").target("loop").status(PacketStatus.COMPLETED)
                .createdAt(now.minusSeconds(5)).completedAt(now));
        stored(aPacket().tenant(GLOBEX).source("omega").target("beta").status(PacketStatus.FAILED)
                .createdAt(now.minus(Duration.ofHours(40))));

        SystemPacketStats stats = statistics.systemStats(now);

        assertThat(stats).isEqualTo(new SystemPacketStats(2, 4, 15.25, 32.5, now.minus(Duration.ofHours(20)), 8,
                List.of(new AgentCount("billing-01", 3), new AgentCount("support-01", 3), new AgentCount("alpha", 1),
                        new AgentCount("beta", 1), new AgentCount("loop", 1))));
    }

    @Test
    void system_stats_without_packets_have_no_averages_no_waiting_packet_and_no_agents() {
        assertThat(statistics.systemStats(T0)).isEqualTo(new SystemPacketStats(0, 0, null, null, null, 0, List.of()));
    }
}
