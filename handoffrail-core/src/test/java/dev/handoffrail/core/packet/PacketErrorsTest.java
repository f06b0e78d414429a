package dev.handoffrail.core.packet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.json.JsonWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PacketErrorsTest {
    private static final PacketId ID = SamplePackets.ID;

    @Test
    void an_invalid_transition_names_both_statuses_and_what_patch_allows() {
        HandoffRailException e = PacketErrors.invalidTransition(PacketStatus.CREATED, PacketStatus.COMPLETED);

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION);
        assertThat(e.detail()).isEqualTo("Cannot transition from 'created' to 'completed'. Allowed transitions "
                + "from 'created': ['awaiting_human', 'failed', 'expired']");
        assertThat(e.extras()).containsExactly(Map.entry("current_status", "created"),
                Map.entry("requested_status", "completed"),
                Map.entry("allowed_transitions", List.of("awaiting_human", "failed", "expired")));
    }

    @Test
    void an_invalid_transition_from_expired_allows_nothing() {
        HandoffRailException e = PacketErrors.invalidTransition(PacketStatus.EXPIRED, PacketStatus.CLAIMED);

        assertThat(e.detail()).isEqualTo(
                "Cannot transition from 'expired' to 'claimed'. Allowed transitions from 'expired': []");
        assertThat(e.extras().get("allowed_transitions")).isEqualTo(List.of());
    }

    @Test
    void already_claimed_names_the_claimant_and_when() {
        Packet claimed = SamplePackets.minimal().claimedBy(new AgentInfo("billing-02", "BillingBot-2", null, "1"),
                SamplePackets.CLAIMED);

        HandoffRailException e = PacketErrors.alreadyClaimed(claimed);

        assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_CLAIMED);
        assertThat(e.detail()).isEqualTo("Packet 9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10 is already claimed");
        assertThat(JsonWriter.write(e.extras())).isEqualTo("{\"claimed_by\":{\"id\":\"billing-02\","
                + "\"name\":\"BillingBot-2\",\"framework\":null},\"claimed_at\":\"2026-05-30T19:40:12.512000Z\"}");
    }

    @Test
    void claim_and_respond_refusals_have_the_contract_wording() {
        assertError(PacketErrors.hitlPending(ID), ErrorCode.HITL_PENDING,
                "Packet 9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10 is awaiting a human response");
        assertError(PacketErrors.gone(ID), ErrorCode.GONE, "Packet 9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10 has expired");
        assertError(PacketErrors.claimFromStatus(PacketStatus.IN_PROGRESS), ErrorCode.INVALID_TRANSITION,
                "Cannot claim from status 'in_progress'");
        assertError(PacketErrors.completeFromStatus(PacketStatus.CREATED), ErrorCode.INVALID_TRANSITION,
                "Cannot complete from status 'created'");
        assertError(PacketErrors.notAwaitingHuman(PacketStatus.CLAIMED), ErrorCode.NOT_AWAITING_HUMAN,
                "Packet is in 'claimed' status, not 'awaiting_human'. Cannot respond.");
        assertError(PacketErrors.alreadyExpired(ID), ErrorCode.ALREADY_EXPIRED,
                "Packet 9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10 is already expired");
    }

    @Test
    void a_terminal_packet_refuses_content_changes() {
        HandoffRailException e = PacketErrors.packetTerminal(ID, PacketStatus.FAILED);

        assertError(e, ErrorCode.PACKET_TERMINAL, "Packet 9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10 is in terminal status "
                + "'failed' and its content can no longer change");
        assertThat(e.extras()).containsExactly(Map.entry("current_status", "failed"));
    }

    @Test
    void checkpoint_errors_carry_their_codes_and_the_response_field() {
        assertError(PacketErrors.noHitlCheckpoint(), ErrorCode.NO_HITL_CHECKPOINT,
                "Cannot enter 'awaiting_human' without a HITL checkpoint");

        HandoffRailException e = PacketErrors.invalidHitlResponse(List.of("Approve", "Deny"));

        assertError(e, ErrorCode.INVALID_HITL_RESPONSE, "Response must be one of: ['Approve', 'Deny']");
        assertThat(e.field()).isEqualTo("response");
        assertThat(e.extras()).containsExactly(Map.entry("options", List.of("Approve", "Deny")));
    }

    private static void assertError(HandoffRailException e, ErrorCode code, String detail) {
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.detail()).isEqualTo(detail);
    }
}
