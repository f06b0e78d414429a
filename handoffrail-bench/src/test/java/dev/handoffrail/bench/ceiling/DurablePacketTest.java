package dev.handoffrail.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DurablePacketTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID ID = UUID.fromString("0b7f3c2e-5a43-4d55-9a57-1f0c6f6b2d10");

    @Test
    void takes_the_indexed_columns_and_the_search_text_from_the_body() throws Exception {
        JsonNode document = JSON.readTree("""
                {"metadata":{"source_agent":{"id":"sales-01"},"target_agent":{"id":"billing-01"},
                 "priority":"high","tags":["upgrade","bench","upgrade"]},
                 "context":{"summary":"Wants the Business plan",
                  "conversation_state":[{"role":"user","content":"More seats"},{"role":"agent","content":"Sure"}]},
                 "decisions":[{"id":"d1","decision":"Proceed with upgrade"}]}""");

        DurablePacket packet = DurablePacket.of(ID, Instant.parse("2026-05-30T23:59:59.999999Z"), document, "{}");

        assertThat(packet.tenantId()).isEqualTo("ceiling");
        assertThat(packet.sourceAgentId()).isEqualTo("sales-01");
        assertThat(packet.targetAgentId()).isEqualTo("billing-01");
        assertThat(packet.priorityRank()).isEqualTo(2);
        assertThat(packet.tags()).containsExactly("upgrade", "bench");
        assertThat(packet.searchText())
                .isEqualTo("Wants the Business plan\nupgrade\nbench\nMore seats\nSure\nProceed with upgrade");
        assertThat(packet.createdAtMicros()).isEqualTo(1_780_185_599_999_999L);
        assertThat(packet.day()).isEqualTo("2026-05-30");
    }

    @Test
    void a_body_without_priority_or_tags_is_normal_with_no_tags() throws Exception {
        JsonNode document = JSON.readTree("""
                {"metadata":{"source_agent":{"id":"a"},"target_agent":{"id":"b"}},"context":{"summary":"s"}}""");

        DurablePacket packet = DurablePacket.of(ID, Instant.EPOCH, document, "{}");

        assertThat(packet.priorityRank()).isEqualTo(1);
        assertThat(packet.tags()).isEqualTo(List.of());
        assertThat(packet.searchText()).isEqualTo("s");
    }

    @Test
    void a_body_without_target_agent_is_refused() throws Exception {
        JsonNode document = JSON.readTree("{\"metadata\":{\"source_agent\":{\"id\":\"a\"}}}");

        assertThatThrownBy(() -> DurablePacket.of(ID, Instant.EPOCH, document, "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metadata.source_agent.id and metadata.target_agent.id are required");
    }
}
