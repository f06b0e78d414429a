package dev.handoffrail.core.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.json.JsonWriter;
import dev.handoffrail.testing.TestJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PacketRepresentationTest {
    private static final String FULL_JSON = """
            {"id": "9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10", "version": "1.0.0",
             "parent_packet_id": "1c0d9e8f-7a6b-4c5d-8e4f-3a2b1c0d9e8f",
             "schema_id": "5e7a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c", "status": "completed",
             "metadata": {
               "source_agent": {"id": "sales-01", "name": "SalesBot", "framework": "langchain", "version": "0.3.1"},
               "target_agent": {"id": "billing-01", "name": "BillingBot", "framework": "crewai"},
               "created_at": "2026-05-30T19:35:00.000000Z", "claimed_at": "2026-05-30T19:40:12.512000Z",
               "completed_at": "2026-05-30T19:45:30.250000Z", "priority": "high",
               "tags": ["upgrade", "business-tier"]},
             "context": {
               "summary": "Customer wants to upgrade to Business tier",
               "conversation_state": [
                 {"role": "user", "content": "I want to upgrade", "timestamp": "2026-05-30T19:30:00+02:00",
                  "metadata": {"channel": "chat"}},
                 {"role": "agent", "content": "Let me hand you to billing.", "timestamp": null, "metadata": null}],
               "artifacts": [
                 {"key": "customer_profile", "value": {"id": "cust-789"}, "content_type": "application/json"},
                 {"key": "notes", "value": "plain text", "content_type": null},
                 {"key": "items", "value": ["a", 2], "content_type": "application/json"}],
               "custom": {"session_id": "sess-123", "count": 3, "big": 123456789012345678901234567890,
                          "ratio": 0.25, "precise": 3.141592653589793238462643383279, "flag": true,
                          "nothing": null, "nested": {"list": [1, "two", []]}}},
             "decisions": [{"id": "d1", "decision": "Proceed with upgrade", "rationale": "Customer eligible",
                            "alternatives": ["Wait", "Deny"], "decided_by": "sales-01",
                            "timestamp": "2026-05-30T19:31:00Z"}],
             "actions": {
               "pending": [{"id": "a1", "description": "Process upgrade", "assignee": "billing-01",
                            "priority": "high", "depends_on": ["a0"], "deadline": "2026-06-01T00:00:00Z"}],
               "completed": [{"id": "a0", "description": "Check eligibility", "result": "eligible",
                              "completed_by": "sales-01", "completed_at": "2026-05-30T19:32:00.5Z"}],
               "failed": [{"id": "a2", "description": "Send email", "error": "SMTP timeout",
                           "retries_remaining": 2}]},
             "dependencies": [{"id": "stripe-api", "type": "api", "description": "Payment gateway",
                               "status": "available", "source": "https://status.stripe.com"}],
             "hitl": {"required": true, "reason": "Refund exceeds policy", "question": "Approve the $500 refund?",
                      "options": ["Approve", "Deny"], "timeout_seconds": 86400, "response": "Approve",
                      "responded_at": "2026-05-30T19:39:59.999999Z", "responded_by": "manager@company.com",
                      "notes": "VIP customer"},
             "created_at": "2026-05-30T19:35:00.000000Z", "updated_at": "2026-05-30T19:41:00.000001Z",
             "_links": {"self": "/api/v1/packets/9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10",
                        "claim": "/api/v1/packets/9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10/claim",
                        "history": "/api/v1/packets/9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10/history"}}
            """;

    @Test
    void a_fully_populated_packet_is_written_with_every_field_in_contract_order() {
        Map<String, Object> json = PacketRepresentation.toJson(SamplePackets.fullyPopulated());

        assertThat(JsonWriter.write(json)).isEqualTo(JsonWriter.write(TestJson.parse(FULL_JSON)));
    }

    @Test
    void a_minimal_packet_shows_absent_fields_as_null_and_collections_as_empty() {
        String expected = """
                {"id": "9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10", "version": "1.0.0", "parent_packet_id": null,
                 "schema_id": null, "status": "created",
                 "metadata": {"source_agent": {"id": "sales-01", "name": "SalesBot", "framework": null,
                                               "version": null},
                              "target_agent": {"id": "billing-01", "name": "", "framework": null},
                              "created_at": "2026-05-30T19:35:00.000000Z", "claimed_at": null,
                              "completed_at": null, "priority": "normal", "tags": []},
                 "context": {"summary": "", "conversation_state": [], "artifacts": [], "custom": {}},
                 "decisions": [], "actions": {"pending": [], "completed": [], "failed": []},
                 "dependencies": [], "hitl": null,
                 "created_at": "2026-05-30T19:35:00.000000Z", "updated_at": "2026-05-30T19:35:00.000000Z",
                 "_links": {"self": "/api/v1/packets/9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10",
                            "claim": "/api/v1/packets/9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10/claim",
                            "history": "/api/v1/packets/9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10/history"}}
                """;

        assertThat(JsonWriter.write(PacketRepresentation.toJson(SamplePackets.minimal())))
                .isEqualTo(JsonWriter.write(TestJson.parse(expected)));
    }

    @Test
    void a_checkpoint_not_yet_answered_shows_null_response_fields() {
        Map<String, Object> json = PacketRepresentation.hitlJson(
                HitlCheckpoint.of(false, "Check", null, null, null));

        assertThat(JsonWriter.write(json)).isEqualTo("{\"required\":false,\"reason\":\"Check\",\"question\":null,"
                + "\"options\":null,\"timeout_seconds\":null,\"response\":null,\"responded_at\":null,"
                + "\"responded_by\":null,\"notes\":null}");
    }

    @Test
    void the_parts_used_by_schemas_events_and_errors_are_the_same_objects_as_in_the_packet() {
        Packet packet = SamplePackets.fullyPopulated();
        Map<String, Object> json = PacketRepresentation.toJson(packet);

        assertThat(PacketRepresentation.metadataJson(packet)).isEqualTo(json.get("metadata"));
        assertThat(PacketRepresentation.contextJson(packet.context())).isEqualTo(json.get("context"));
        assertThat(PacketRepresentation.hitlJson(packet.hitl())).isEqualTo(json.get("hitl"));
        assertThat(PacketRepresentation.targetAgentJson(packet.sourceAgent()))
                .containsExactly(Map.entry("id", "sales-01"), Map.entry("name", "SalesBot"),
                        Map.entry("framework", "langchain"));
    }

    @Test
    void the_representation_cannot_be_modified() {
        Map<String, Object> json = PacketRepresentation.toJson(SamplePackets.fullyPopulated());

        assertThatThrownBy(() -> json.put("id", "x")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> decisions = (List<Object>) json.get("decisions");
        assertThatThrownBy(() -> decisions.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
