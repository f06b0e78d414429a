package dev.handoffrail.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoffrail.client.model.NewPacket;
import dev.handoffrail.client.model.Packet;
import dev.handoffrail.client.model.PacketStatus;
import dev.handoffrail.client.model.PacketUpdate;
import dev.handoffrail.client.model.Priority;
import dev.handoffrail.client.model.Stats;
import dev.handoffrail.client.model.TenantUpdate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonMappingTest {
    private final ObjectMapper json = Json.newMapper();

    @Test
    void a_new_packet_is_written_in_snake_case_without_absent_members() throws Exception {
        NewPacket packet = NewPacket.builder().from("sales-01", "SalesBot").to("billing-01", "BillingBot")
                .priority(Priority.HIGH).summary("Upgrade").message("user", "please").build();

        assertThat(json.writeValueAsString(packet)).isEqualTo("{\"metadata\":{\"source_agent\":{\"id\":\"sales-01\","
                + "\"name\":\"SalesBot\"},\"target_agent\":{\"id\":\"billing-01\",\"name\":\"BillingBot\"},"
                + "\"priority\":\"high\",\"tags\":[]},\"context\":{\"summary\":\"Upgrade\",\"conversation_state\":"
                + "[{\"role\":\"user\",\"content\":\"please\"}],\"artifacts\":[],\"custom\":{}},\"decisions\":[],"
                + "\"dependencies\":[]}");
    }

    @Test
    void an_update_sends_only_what_it_changes() throws Exception {
        assertThat(json.writeValueAsString(PacketUpdate.status(PacketStatus.IN_PROGRESS)))
                .isEqualTo("{\"status\":\"in_progress\"}");
    }

    @Test
    void a_tenant_update_keeps_an_explicit_null_which_resets_a_quota() throws Exception {
        TenantUpdate update = TenantUpdate.empty().handoffsPerDay(null).name("Acme");

        assertThat(json.writeValueAsString(update.members())).isEqualTo("{\"handoffs_per_day\":null,\"name\":\"Acme\"}");
    }

    @Test
    void a_server_packet_is_read_with_its_links_and_times() throws Exception {
        Packet packet = json.readValue("""
                {"id": "9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10", "version": "1.0.0", "parent_packet_id": null,
                 "schema_id": null, "status": "awaiting_human", "future_member": 1,
                 "metadata": {"source_agent": {"id": "sales-01", "name": "SalesBot", "framework": null,
                              "version": null}, "target_agent": {"id": "billing-01", "name": "B", "framework": null},
                              "created_at": "2026-05-30T19:35:00.123456Z", "claimed_at": null,
                              "completed_at": null, "priority": "critical", "tags": ["a"]},
                 "context": {"summary": "s", "conversation_state": [], "artifacts": [
                     {"key": "k", "value": {"id": 1}, "content_type": null}], "custom": {"x": null}},
                 "decisions": [], "actions": {"pending": [], "completed": [], "failed": []}, "dependencies": [],
                 "hitl": {"required": true, "reason": "r", "question": null, "options": ["A"],
                          "timeout_seconds": 60, "response": null, "responded_at": null, "responded_by": null,
                          "notes": null},
                 "created_at": "2026-05-30T19:35:00.123456Z", "updated_at": "2026-05-30T19:35:00.123456+00:00",
                 "_links": {"self": "/api/v1/packets/9b2f", "claim": "/c", "history": "/h"}}""", Packet.class);

        assertThat(packet.status()).isEqualTo(PacketStatus.AWAITING_HUMAN);
        assertThat(packet.metadata().priority()).isEqualTo(Priority.CRITICAL);
        assertThat(packet.createdAt()).isEqualTo(Instant.parse("2026-05-30T19:35:00.123456Z"));
        assertThat(packet.updatedAt()).isEqualTo(packet.createdAt());
        assertThat(packet.links().self()).isEqualTo("/api/v1/packets/9b2f");
        assertThat(packet.hitl().timeoutSeconds()).isEqualTo(60);
        assertThat(packet.context().custom()).containsEntry("x", null);
        assertThat(packet.summary()).isEqualTo("s");
    }

    @Test
    void stats_read_the_members_with_digits_in_their_names() throws Exception {
        Stats stats = json.readValue("{\"total_packets\": 4, \"packets_by_status\": {\"created\": 4},"
                + " \"packets_last_24h\": 3, \"avg_claim_time_seconds\": null, \"hitl_queue_depth\": 1,"
                + " \"active_ws_connections\": 0, \"active_sse_connections\": 2}", Stats.class);

        assertThat(stats).isEqualTo(new Stats(4, java.util.Map.of("created", 4L), 3, null, 1, 0, 2));
    }
}
