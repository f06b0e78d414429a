package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.ServiceHarness.BILLING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketRepresentation;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.in.Claimant;
import dev.handoffrail.core.tenant.ActiveAgents;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.Fixtures;
import dev.handoffrail.core.testing.PacketFixtures;
import dev.handoffrail.core.testing.Race;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PacketClaimTest {
    private static final AgentInfo OTHER = new AgentInfo("billing-02", "BillingBot-2", null, null);

    @Test
    void claiming_makes_the_claimant_the_target_and_records_the_previous_target() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.newPacket();
            Instant later = h.clock.advance(Duration.ofMinutes(3));
            h.clearEvents();

            Packet claimed = h.service.claim(h.agent, packet.id(), Claimant.of(OTHER));

            assertThat(claimed.status()).isEqualTo(PacketStatus.CLAIMED);
            assertThat(claimed.targetAgent()).isEqualTo(OTHER);
            assertThat(claimed.claimedAt()).isEqualTo(later);
            assertThat(claimed.updatedAt()).isEqualTo(later);
            assertThat(claimed.statusChangedAt()).isEqualTo(later);
            assertThat(h.stored(packet.id())).isEqualTo(claimed);
            AuditEntry history = h.history(packet.id()).get(1);
            assertThat(history.action()).isEqualTo("claimed");
            assertThat(history.actor()).isEqualTo("agent:billing-02");
            assertThat(history.apiKeyId()).isEqualTo(h.agent.keyId());
            assertThat(history.details()).containsExactly(entry("agent_name", "BillingBot-2"),
                    entry("framework", null),
                    entry("previous_target_agent", Map.of("id", "billing-01", "name", "BillingBot",
                            "framework", "crewai")));
            assertThat(h.observed).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo(EventType.PACKET_CLAIMED);
                assertThat(event.data()).containsExactly(entry("status", "claimed"),
                        entry("previous_status", "created"),
                        entry("metadata", PacketRepresentation.metadataJson(claimed)));
            });
        }
    }

    @Test
    void claiming_a_claimed_packet_is_refused_with_the_current_claimant_even_for_the_same_agent() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet claimed = h.claimedPacket();

            assertThatThrownBy(() -> h.service.claim(h.agent, claimed.id(), Claimant.of(BILLING)))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_CLAIMED);
                        assertThat(e.detail()).isEqualTo("Packet " + claimed.id() + " is already claimed");
                        assertThat(e.extras()).containsExactly(
                                entry("claimed_by", Map.of("id", "billing-01", "name", "BillingBot",
                                        "framework", "crewai")),
                                entry("claimed_at", "2026-05-30T10:00:00.000000Z"));
                    });
        }
    }

    @Test
    void claiming_a_packet_awaiting_a_human_is_refused_with_hitl_pending() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet waiting = h.service.create(h.writer, ServiceHarness.hitlDraft(null, null));

            assertThatThrownBy(() -> h.service.claim(h.agent, waiting.id(), Claimant.of(BILLING)))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.HITL_PENDING);
                        assertThat(e.detail()).isEqualTo("Packet " + waiting.id() + " is awaiting a human response");
                    });
            assertThat(h.stored(waiting.id())).isEqualTo(waiting);
        }
    }

    @Test
    void claiming_an_expired_packet_is_gone() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.newPacket();
            h.service.delete(h.writer, packet.id());

            assertThatThrownBy(() -> h.service.claim(h.agent, packet.id(), Claimant.of(BILLING)))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.GONE);
                        assertThat(e.detail()).isEqualTo("Packet " + packet.id() + " has expired");
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(value = PacketStatus.class, names = {"IN_PROGRESS", "COMPLETED", "FAILED"})
    void claiming_from_work_or_a_finished_status_is_an_invalid_transition(PacketStatus status) {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.insert(PacketFixtures.aPacket().status(status));

            assertThatThrownBy(() -> h.service.claim(h.agent, packet.id(), Claimant.of(BILLING)))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION);
                        assertThat(e.detail()).isEqualTo("Cannot claim from status '" + status.wireName() + "'");
                    });
        }
    }

    @Test
    void claiming_an_unknown_or_foreign_packet_is_not_found() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet foreign = h.insert(PacketFixtures.aPacket().tenant(Fixtures.GLOBEX));

            assertThatThrownBy(() -> h.service.claim(h.agent, foreign.id(), Claimant.of(BILLING)))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.detail()).isEqualTo("Packet " + foreign.id() + " not found");
                    });
            assertThatThrownBy(() -> h.service.claim(h.agent, PacketId.random(), Claimant.of(BILLING)))
                    .extracting(e -> ((HandoffRailException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        }
    }

    @Test
    void a_claim_needs_a_valid_agent_and_the_agent_role() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.newPacket();

            assertThatThrownBy(() -> h.service.claim(h.agent, packet.id(), Claimant.of(AgentInfo.of("", "Bot"))))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                        assertThat(e.field()).isEqualTo("agent_id");
                    });
            assertThatThrownBy(() -> h.service.claim(h.reader, packet.id(), Claimant.of(BILLING)))
                    .extracting(e -> ((HandoffRailException) e).code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(h.stored(packet.id()).status()).isEqualTo(PacketStatus.CREATED);
        }
    }

    @Test
    void concurrent_claims_produce_exactly_one_winner() throws Exception {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.newPacket();
            h.clearEvents();

            List<String> outcomes = Race.run(32, () -> {
                try {
                    return h.service.claim(h.agent, packet.id(), Claimant.of(BILLING)).status().wireName();
                } catch (HandoffRailException e) {
                    return e.code().wireName();
                }
            });

            assertThat(outcomes).filteredOn("claimed"::equals).hasSize(1);
            assertThat(outcomes).filteredOn("ALREADY_CLAIMED"::equals).hasSize(31);
            assertThat(h.history(packet.id())).extracting(AuditEntry::action).containsExactly("created", "claimed");
            assertThat(h.observedTypes()).containsExactly(EventType.PACKET_CLAIMED);
        }
    }

    @Test
    void a_claim_adding_an_agent_beyond_max_agents_is_refused() {
        try (ServiceHarness h = ServiceHarness.withTier(Tier.FREE)) {
            Packet packet = h.service.create(h.writer, ServiceHarness.draft("a", "b"));
            h.service.create(h.writer, ServiceHarness.draft("b", "a"));

            assertThatThrownBy(() -> h.service.claim(h.agent, packet.id(), Claimant.of(AgentInfo.of("c", "C"))))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
                        assertThat(e.extras()).containsEntry("quota", "max_agents");
                    });
            assertThat(h.stored(packet.id()).status()).isEqualTo(PacketStatus.CREATED);
        }
    }

    @Test
    void a_claim_replacing_the_only_mention_of_the_target_fits_max_agents() {
        try (ServiceHarness h = ServiceHarness.withTier(Tier.FREE)) {
            Packet packet = h.service.create(h.writer, ServiceHarness.draft("a", "b"));

            Packet claimed = h.service.claim(h.agent, packet.id(), Claimant.of(AgentInfo.of("c", "C")));

            assertThat(claimed.targetAgent().id()).isEqualTo("c");
            assertThat(h.stores.packets().activeAgents(ServiceHarness.TENANT, List.of("a", "b", "c")))
                    .isEqualTo(new ActiveAgents(2, Map.of("a", 1L, "c", 1L)));
        }
    }
}
