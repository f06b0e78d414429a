package dev.handoffrail.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DurableTransitionTest {
    private static final UUID ID = UUID.fromString("0b7f3c2e-5a43-4d55-9a57-1f0c6f6b2d10");
    private static final Instant AT = Instant.parse("2026-05-30T19:36:00.123456789Z");
    private static final String CREATED = "{\"metadata\":{\"source_agent\":{\"id\":\"sales-01\"},"
            + "\"target_agent\":{\"id\":\"billing-01\",\"name\":\"BillingBot\"},\"tags\":[\"x\"]},"
            + "\"id\":\"" + ID + "\",\"status\":\"created\",\"created_at\":\"2026-05-30T19:35:00Z\"}";

    @Test
    void a_claim_sets_status_time_and_target_agent_in_place_and_keeps_everything_else() {
        DurableTransition claim = DurableTransition.claim(ID, "billing-02", "Billing Two", null, AT);

        assertThat(claim.rewrite(CREATED)).isEqualTo("{\"metadata\":{\"source_agent\":{\"id\":\"sales-01\"},"
                + "\"target_agent\":{\"id\":\"billing-02\",\"name\":\"Billing Two\",\"framework\":null},"
                + "\"tags\":[\"x\"],\"claimed_at\":\"2026-05-30T19:36:00.123456Z\"},\"id\":\"" + ID + "\","
                + "\"status\":\"claimed\",\"created_at\":\"2026-05-30T19:35:00Z\","
                + "\"updated_at\":\"2026-05-30T19:36:00.123456Z\"}");
        assertThat(claim.atMicros()).isEqualTo(1_780_169_760_123_456L);
    }

    @Test
    void a_complete_sets_status_and_time_and_leaves_the_target_agent() {
        DurableTransition complete = DurableTransition.complete(ID, AT);

        assertThat(complete.rewrite(CREATED)).isEqualTo("{\"metadata\":{\"source_agent\":{\"id\":\"sales-01\"},"
                + "\"target_agent\":{\"id\":\"billing-01\",\"name\":\"BillingBot\"},\"tags\":[\"x\"],"
                + "\"completed_at\":\"2026-05-30T19:36:00.123456Z\"},\"id\":\"" + ID + "\","
                + "\"status\":\"completed\",\"created_at\":\"2026-05-30T19:35:00Z\","
                + "\"updated_at\":\"2026-05-30T19:36:00.123456Z\"}");
    }

    @Test
    void each_step_starts_from_the_status_the_previous_one_ends_in() {
        assertThat(DurableTransition.Step.CLAIM.from).isEqualTo("created");
        assertThat(DurableTransition.Step.CLAIM.to).isEqualTo("claimed");
        assertThat(DurableTransition.Step.COMPLETE.from).isEqualTo("claimed");
        assertThat(DurableTransition.Step.COMPLETE.to).isEqualTo("completed");
        assertThat(DurableTransition.Step.COMPLETE.auditDetails)
                .isEqualTo("{\"from_status\":\"claimed\",\"to_status\":\"completed\"}");
    }

    @Test
    void a_claim_without_agent_is_refused() {
        assertThatThrownBy(() -> DurableTransition.claim(ID, null, "n", null, AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agent_id is required");
    }

    @Test
    void a_stored_body_that_is_not_a_packet_document_is_a_defect() {
        DurableTransition complete = DurableTransition.complete(ID, AT);

        assertThatThrownBy(() -> complete.rewrite("[1]"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("stored packet " + ID + " is not a packet document");
        assertThatThrownBy(() -> complete.rewrite("{\"status\":"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("stored packet " + ID + " is not JSON");
    }
}
