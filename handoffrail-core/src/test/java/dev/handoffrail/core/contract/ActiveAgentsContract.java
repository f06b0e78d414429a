package dev.handoffrail.core.contract;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Trigger;
import dev.handoffrail.core.port.out.PacketStore;
import dev.handoffrail.core.tenant.ActiveAgents;
import dev.handoffrail.core.testing.Race;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The active agents kept by a {@link PacketStore} ({@link PacketStore#activeAgents}): maintained with every packet
 * change in the change's transaction, always equal to a recount over the stored packets.
 */
public abstract class ActiveAgentsContract extends StoreContract {
    private static final List<String> EVERYONE = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "x", "y");

    private PacketStore packets;

    @BeforeEach
    final void givenTenants() {
        givenTwoTenants();
        packets = stores.packets();
    }

    @Test
    void a_tenant_without_packets_has_no_active_agents() {
        assertThat(packets.activeAgents(ACME, List.of("a", "b"))).isEqualTo(ActiveAgents.none());
        assertThat(packets.activeAgents(ACME, List.of())).isEqualTo(ActiveAgents.none());
    }

    @Test
    void active_agents_are_the_sources_and_targets_of_active_packets() {
        stored(aPacket().source("a").target("b"));
        stored(aPacket().source("a").claimedBy("c"));
        stored(aPacket().source("h").target("i").awaitingHuman(null));
        stored(aPacket().source("d").target("e").status(PacketStatus.COMPLETED));
        stored(aPacket().source("f").target("g").status(PacketStatus.EXPIRED));
        stored(aPacket().tenant(GLOBEX).source("x").target("y"));

        assertThat(packets.activeAgents(ACME, EVERYONE))
                .isEqualTo(new ActiveAgents(5, Map.of("a", 2L, "b", 1L, "c", 1L, "h", 1L, "i", 1L)));
        assertThat(packets.activeAgents(GLOBEX, EVERYONE))
                .isEqualTo(new ActiveAgents(2, Map.of("x", 1L, "y", 1L)));
    }

    @Test
    void only_the_asked_agents_are_listed_but_all_are_counted() {
        stored(aPacket().source("a").target("b"));
        stored(aPacket().source("c").target("d"));

        assertThat(packets.activeAgents(ACME, List.of("b", "z"))).isEqualTo(new ActiveAgents(4, Map.of("b", 1L)));
        assertThat(packets.activeAgents(ACME, List.of())).isEqualTo(new ActiveAgents(4, Map.of()));
        assertThat(packets.activeAgents(ACME, Arrays.asList("a", null, "a")))
                .isEqualTo(new ActiveAgents(4, Map.of("a", 1L)));
    }

    @Test
    void a_packet_naming_one_agent_as_source_and_target_counts_once() {
        stored(aPacket().source("a").target("a"));

        assertThat(packets.activeAgents(ACME, List.of("a"))).isEqualTo(new ActiveAgents(1, Map.of("a", 1L)));
    }

    @Test
    void a_claim_replaces_the_target_among_the_active_agents() {
        Packet packet = stored(aPacket().source("a").target("b"));

        assertThat(packets.update(claimedBy(packet, "c"), PacketStatus.CREATED)).isTrue();

        assertThat(packets.activeAgents(ACME, List.of("a", "b", "c")))
                .isEqualTo(new ActiveAgents(2, Map.of("a", 1L, "c", 1L)));
    }

    @Test
    void a_claim_keeps_the_replaced_target_while_another_active_packet_names_it() {
        Packet packet = stored(aPacket().source("a").target("b"));
        stored(aPacket().source("b").target("d"));

        assertThat(packets.update(claimedBy(packet, "a"), PacketStatus.CREATED)).isTrue();

        assertThat(packets.activeAgents(ACME, List.of("a", "b", "d")))
                .isEqualTo(new ActiveAgents(3, Map.of("a", 1L, "b", 1L, "d", 1L)));
    }

    @Test
    void moving_between_active_statuses_changes_no_count() {
        Packet claimed = claimedBy(stored(aPacket().source("a").target("b")), "c");
        packets.update(claimed, PacketStatus.CREATED);
        Packet working = claimed.movedTo(PacketStatus.IN_PROGRESS, Trigger.PATCH, T0.plusSeconds(2));
        packets.update(working, PacketStatus.CLAIMED);
        packets.update(working.movedTo(PacketStatus.AWAITING_HUMAN, Trigger.PATCH, T0.plusSeconds(3)),
                PacketStatus.IN_PROGRESS);

        assertThat(packets.activeAgents(ACME, List.of("a", "b", "c")))
                .isEqualTo(new ActiveAgents(2, Map.of("a", 1L, "c", 1L)));
    }

    @ParameterizedTest
    @EnumSource(value = PacketStatus.class, names = {"COMPLETED", "FAILED", "EXPIRED"})
    void a_packet_reaching_a_terminal_status_stops_naming_its_agents(PacketStatus terminal) {
        Packet packet = stored(aPacket().source("a").claimedBy("b"));
        stored(aPacket().source("a").target("c"));

        assertThat(packets.update(packet.movedTo(terminal, Trigger.PATCH, T0.plusSeconds(5)), PacketStatus.CLAIMED))
                .isTrue();

        assertThat(packets.activeAgents(ACME, List.of("a", "b", "c")))
                .isEqualTo(new ActiveAgents(2, Map.of("a", 1L, "c", 1L)));
    }

    @Test
    void an_update_that_loses_its_race_changes_no_count() {
        Packet packet = stored(aPacket().source("a").target("b"));
        packets.update(claimedBy(packet, "c"), PacketStatus.CREATED);

        assertThat(packets.update(claimedBy(packet, "d"), PacketStatus.CREATED)).isFalse();

        assertThat(packets.activeAgents(ACME, List.of("a", "b", "c", "d")))
                .isEqualTo(new ActiveAgents(2, Map.of("a", 1L, "c", 1L)));
    }

    @Test
    void a_rolled_back_transaction_leaves_the_counts_as_they_were() {
        Packet packet = stored(aPacket().source("a").target("b"));

        assertThatThrownBy(() -> stores.transactor().run(() -> {
            packets.insert(aPacket().source("e").target("f").build());
            packets.update(claimedBy(packet, "c"), PacketStatus.CREATED);
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(packets.activeAgents(ACME, List.of("a", "b", "c", "e", "f")))
                .isEqualTo(new ActiveAgents(2, Map.of("a", 1L, "b", 1L)));
    }

    @Test
    void purging_terminal_packets_leaves_the_active_agents_alone() {
        stored(aPacket().source("a").target("b").status(PacketStatus.COMPLETED).updatedAt(T0));
        stored(aPacket().source("a").target("c"));

        assertThat(packets.purgeTerminal(ACME, T0.plusSeconds(60))).isEqualTo(1);

        assertThat(packets.activeAgents(ACME, List.of("a", "b", "c")))
                .isEqualTo(new ActiveAgents(2, Map.of("a", 1L, "c", 1L)));
    }

    @Test
    void counts_equal_a_recount_after_concurrent_creates_claims_and_completions() throws Exception {
        List<Packet> contested = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            contested.add(stored(aPacket().source("s" + i % 3).target("t" + i % 4)));
        }
        List<PacketId> all = Collections.synchronizedList(new ArrayList<>());
        contested.forEach(packet -> all.add(packet.id()));
        AtomicInteger threads = new AtomicInteger();

        List<Integer> wins = Race.run(6, () -> {
            String me = "w" + threads.getAndIncrement();
            int won = 0;
            for (int i = 0; i < contested.size(); i++) {
                Packet created = aPacket().source(me).target("t" + i % 4).build();
                packets.insert(created);
                all.add(created.id());
                Packet claimed = claimedBy(contested.get(i), me);
                if (packets.update(claimed, PacketStatus.CREATED)) {
                    won++;
                    if (i % 2 == 0) {
                        packets.update(claimed.movedTo(PacketStatus.COMPLETED, Trigger.PATCH, T0.plusSeconds(9)),
                                PacketStatus.CLAIMED);
                    }
                }
            }
            return won;
        });

        assertThat(wins.stream().mapToInt(Integer::intValue).sum()).isEqualTo(contested.size());
        Map<String, Long> recount = recount(all);
        List<String> asked = new ArrayList<>(recount.keySet());
        asked.addAll(List.of("s0", "s1", "s2", "t0", "t1", "t2", "t3", "w0", "w5", "nobody"));
        assertThat(packets.activeAgents(ACME, asked)).isEqualTo(new ActiveAgents(recount.size(), recount));
    }

    /** Per agent, how many of the packets {@code ids} are active and name it. */
    private Map<String, Long> recount(List<PacketId> ids) {
        Map<String, Long> counts = new HashMap<>();
        for (PacketId id : ids) {
            Packet packet = packets.find(ACME, id).orElseThrow();
            if (packet.status().isActive()) {
                Set<String> named = new LinkedHashSet<>(List.of(packet.sourceAgent().id(), packet.targetAgent().id()));
                named.forEach(agent -> counts.merge(agent, 1L, Long::sum));
            }
        }
        return counts;
    }

    private static Packet claimedBy(Packet packet, String agentId) {
        return packet.claimedBy(AgentInfo.of(agentId, agentId.toUpperCase()), T0.plusSeconds(1));
    }
}
