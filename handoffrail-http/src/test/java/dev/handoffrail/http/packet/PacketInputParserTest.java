package dev.handoffrail.http.packet;

import static dev.handoffrail.http.packet.JsonEdits.ABSENT;
import static dev.handoffrail.http.packet.JsonEdits.errorsOf;
import static dev.handoffrail.http.packet.JsonEdits.json;
import static dev.handoffrail.http.packet.JsonEdits.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.packet.Actions;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Artifact;
import dev.handoffrail.core.packet.CompletedAction;
import dev.handoffrail.core.packet.ConversationEntry;
import dev.handoffrail.core.packet.ConversationRole;
import dev.handoffrail.core.packet.Decision;
import dev.handoffrail.core.packet.Dependency;
import dev.handoffrail.core.packet.DependencyStatus;
import dev.handoffrail.core.packet.DependencyType;
import dev.handoffrail.core.packet.FailedAction;
import dev.handoffrail.core.packet.HitlCheckpoint;
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PendingAction;
import dev.handoffrail.core.packet.Priority;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PacketInputParserTest {
    static final String FULL_BODY = """
            {"parent_packet_id": "1c0d9e8f-7a6b-4c5d-8e4f-3a2b1c0d9e8f",
             "schema_id": "5E7A1B2C-3D4E-4F5A-8B6C-7D8E9F0A1B2C",
             "metadata": {
               "source_agent": {"id": "sales-01", "name": "SalesBot", "framework": "langchain", "version": "0.3.1"},
               "target_agent": {"id": "billing-01", "name": "BillingBot", "framework": "crewai"},
               "priority": "high",
               "tags": ["upgrade", "business-tier"]},
             "context": {
               "summary": "Customer wants to upgrade",
               "conversation_state": [
                 {"role": "user", "content": "I want to upgrade", "timestamp": "2026-05-30T19:30:00+02:00",
                  "metadata": {"channel": "chat", "score": 0.5}},
                 {"role": "agent", "content": "Let me hand you to billing."}],
               "artifacts": [
                 {"key": "customer_profile", "value": {"id": "cust-789", "n": 12345678901234567890},
                  "content_type": "application/json"},
                 {"key": "items", "value": ["a", 1]},
                 {"key": "note", "value": "text"}],
               "custom": {"session_id": "sess-123", "deep": {"list": [1, 2.5, null, true]}}},
             "decisions": [
               {"id": "d1", "decision": "Proceed", "rationale": "Eligible", "alternatives": ["Wait"],
                "decided_by": "sales-01", "timestamp": "2026-05-30T19:31:00Z"},
               {"id": "d2", "decision": "", "rationale": ""}],
             "actions": {
               "pending": [{"id": "a1", "description": "Process upgrade", "assignee": "billing-01",
                            "priority": "critical", "depends_on": ["a0"], "deadline": "2026-06-01T00:00:00"}],
               "completed": [{"id": "a0", "description": "Check", "result": "eligible", "completed_by": "sales-01",
                              "completed_at": "2026-05-30T19:32:00.5Z"}],
               "failed": [{"id": "a2", "description": "Email", "error": "SMTP timeout", "retries_remaining": 2}]},
             "dependencies": [
               {"id": "stripe-api", "type": "api", "description": "Payment gateway", "status": "blocked",
                "source": "https://status.stripe.com"},
               {"id": "approval", "type": "human_approval", "description": ""}],
             "hitl": {"required": true, "reason": "Refund exceeds policy", "question": "Approve?",
                      "options": ["Approve", "Deny"], "timeout_seconds": 86400}}
            """;
    static final String MINIMAL_BODY = """
            {"metadata": {"source_agent": {"id": "sales-01", "name": "SalesBot"},
                          "target_agent": {"id": "billing-01", "name": ""}},
             "context": {"summary": ""}}
            """;

    static Map<String, Object> full() {
        return json(FULL_BODY);
    }

    static Map<String, Object> minimal() {
        return json(MINIMAL_BODY);
    }

    @Test
    void a_minimal_body_gets_the_documented_defaults() {
        PacketDraft draft = PacketInputParser.parseDraft(minimal());

        assertThat(draft).isEqualTo(new PacketDraft(null, null, new AgentInfo("sales-01", "SalesBot", null, null),
                new AgentInfo("billing-01", "", null, null), Priority.NORMAL, List.of(),
                new PacketContext("", List.of(), List.of(), Map.of()), List.of(), Actions.EMPTY, List.of(), null));
        assertThat(draft.startsAwaitingHuman()).isFalse();
    }

    @Test
    void a_fully_populated_body_is_read_field_by_field() {
        PacketDraft draft = PacketInputParser.parseDraft(full());

        assertThat(draft.parentId()).isEqualTo(new PacketId(UUID.fromString("1c0d9e8f-7a6b-4c5d-8e4f-3a2b1c0d9e8f")));
        assertThat(draft.schemaId().toString()).isEqualTo("5e7a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c");
        assertThat(draft.sourceAgent()).isEqualTo(new AgentInfo("sales-01", "SalesBot", "langchain", "0.3.1"));
        assertThat(draft.targetAgent()).isEqualTo(new AgentInfo("billing-01", "BillingBot", "crewai", null));
        assertThat(draft.priority()).isEqualTo(Priority.HIGH);
        assertThat(draft.tags()).containsExactly("upgrade", "business-tier");
        assertThat(draft.context().summary()).isEqualTo("Customer wants to upgrade");
        assertThat(draft.context().conversationState()).containsExactly(
                new ConversationEntry(ConversationRole.USER, "I want to upgrade", "2026-05-30T19:30:00+02:00",
                        Map.of("channel", "chat", "score", 0.5)),
                new ConversationEntry(ConversationRole.AGENT, "Let me hand you to billing.", null, null));
        assertThat(draft.context().artifacts()).containsExactly(
                new Artifact("customer_profile",
                        Map.of("id", "cust-789", "n", new BigInteger("12345678901234567890")), "application/json"),
                new Artifact("items", List.of("a", 1L), null),
                new Artifact("note", "text", null));
        assertThat(draft.decisions()).containsExactly(
                new Decision("d1", "Proceed", "Eligible", List.of("Wait"), "sales-01", "2026-05-30T19:31:00Z"),
                new Decision("d2", "", "", List.of(), null, null));
        assertThat(draft.actions()).isEqualTo(new Actions(
                List.of(new PendingAction("a1", "Process upgrade", "billing-01", Priority.CRITICAL, List.of("a0"),
                        "2026-06-01T00:00:00")),
                List.of(new CompletedAction("a0", "Check", "eligible", "sales-01", "2026-05-30T19:32:00.5Z")),
                List.of(new FailedAction("a2", "Email", "SMTP timeout", 2))));
        assertThat(draft.dependencies()).containsExactly(
                new Dependency("stripe-api", DependencyType.API, "Payment gateway", DependencyStatus.BLOCKED,
                        "https://status.stripe.com"),
                new Dependency("approval", DependencyType.HUMAN_APPROVAL, "", DependencyStatus.UNKNOWN, null));
        assertThat(draft.hitl()).isEqualTo(
                HitlCheckpoint.of(true, "Refund exceeds policy", "Approve?", List.of("Approve", "Deny"), 86_400));
        assertThat(draft.startsAwaitingHuman()).isTrue();
    }

    @Test
    void free_form_objects_are_kept_verbatim_including_nulls_and_key_order() {
        PacketDraft draft = PacketInputParser.parseDraft(full());

        Map<String, Object> deep = new LinkedHashMap<>();
        deep.put("list", java.util.Arrays.asList(1L, 2.5, null, true));
        assertThat(draft.context().custom()).containsExactly(Map.entry("session_id", "sess-123"),
                Map.entry("deep", deep));
    }

    @Test
    void explicit_nulls_for_optional_fields_mean_not_provided() {
        Map<String, Object> body = minimal();
        for (String path : List.of("parent_packet_id", "schema_id", "metadata.priority", "metadata.tags",
                "metadata.source_agent.framework", "metadata.source_agent.version", "context.conversation_state",
                "context.artifacts", "context.custom", "decisions", "actions", "dependencies", "hitl")) {
            body = with(body, path, null);
        }

        assertThat(PacketInputParser.parseDraft(body)).isEqualTo(PacketInputParser.parseDraft(minimal()));
    }

    @Test
    void nested_optional_nulls_get_their_defaults() {
        Map<String, Object> body = json("""
                {"metadata": {"source_agent": {"id": "s", "name": "S"}, "target_agent": {"id": "t", "name": "T"}},
                 "context": {"summary": "x", "conversation_state": [
                     {"role": "human", "content": "hi", "timestamp": null, "metadata": null}],
                   "artifacts": [{"key": "k", "value": "v", "content_type": null}]},
                 "decisions": [{"id": "d", "decision": "x", "rationale": "y", "alternatives": null,
                                "decided_by": null, "timestamp": null}],
                 "actions": {"pending": [{"id": "p", "description": "d", "assignee": "a", "priority": null,
                                          "depends_on": null, "deadline": null}],
                             "completed": null,
                             "failed": [{"id": "f", "description": "d", "error": "e", "retries_remaining": null}]},
                 "dependencies": [{"id": "x", "type": "data", "description": "d", "status": null, "source": null}],
                 "hitl": {"required": null, "reason": "why", "question": null, "options": null,
                          "timeout_seconds": null}}
                """);

        PacketDraft draft = PacketInputParser.parseDraft(body);

        assertThat(draft.context().conversationState())
                .containsExactly(new ConversationEntry(ConversationRole.HUMAN, "hi", null, null));
        assertThat(draft.decisions()).containsExactly(new Decision("d", "x", "y", List.of(), null, null));
        assertThat(draft.actions()).isEqualTo(new Actions(
                List.of(new PendingAction("p", "d", "a", null, List.of(), null)), List.of(),
                List.of(new FailedAction("f", "d", "e", null))));
        assertThat(draft.dependencies())
                .containsExactly(new Dependency("x", DependencyType.DATA, "d", DependencyStatus.UNKNOWN, null));
        assertThat(draft.hitl()).isEqualTo(HitlCheckpoint.of(true, "why", null, null, null));
    }

    @Test
    void an_empty_actions_object_means_three_empty_sections() {
        assertThat(PacketInputParser.parseDraft(with(minimal(), "actions", Map.of())).actions())
                .isEqualTo(Actions.EMPTY);
    }

    @Test
    void a_checkpoint_that_is_not_required_leaves_the_packet_in_created_and_may_have_an_empty_reason() {
        PacketDraft draft = PacketInputParser.parseDraft(with(minimal(), "hitl",
                json("{\"required\": false, \"reason\": \"\"}")));

        assertThat(draft.hitl()).isEqualTo(HitlCheckpoint.of(false, "", null, null, null));
        assertThat(draft.startsAwaitingHuman()).isFalse();
    }

    @Test
    void unknown_fields_are_ignored_at_every_level() {
        Map<String, Object> body = full();
        for (String object : List.of("", "metadata.", "metadata.source_agent.", "metadata.target_agent.",
                "context.", "context.conversation_state[0].", "context.artifacts[0].", "decisions[0].", "actions.",
                "actions.pending[0].", "actions.completed[0].", "actions.failed[0].", "dependencies[0].", "hitl.")) {
            body = with(body, object + "unexpected_field", Map.of("anything", List.of(1L)));
        }

        assertThat(PacketInputParser.parseDraft(body)).isEqualTo(PacketInputParser.parseDraft(full()));
    }

    @Test
    void a_target_agent_never_carries_a_version() {
        PacketDraft draft = PacketInputParser.parseDraft(with(full(), "metadata.target_agent.version", "9.9"));

        assertThat(draft.targetAgent().version()).isNull();
    }

    @Test
    void server_controlled_fields_are_ignored() {
        Map<String, Object> body = full();
        body = with(body, "id", "9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10");
        body = with(body, "version", "9.9.9");
        body = with(body, "status", "completed");
        body = with(body, "created_at", "2020-01-01T00:00:00Z");
        body = with(body, "updated_at", "not even a timestamp");
        body = with(body, "metadata.created_at", 5L);
        body = with(body, "metadata.claimed_at", "2020-01-01T00:00:00Z");
        body = with(body, "metadata.completed_at", true);
        body = with(body, "hitl.response", "Approve");
        body = with(body, "hitl.responded_at", "2020-01-01T00:00:00Z");
        body = with(body, "hitl.responded_by", "someone");
        body = with(body, "hitl.notes", List.of());

        PacketDraft draft = PacketInputParser.parseDraft(body);

        assertThat(draft).isEqualTo(PacketInputParser.parseDraft(full()));
        assertThat(draft.hitl().response()).isNull();
        assertThat(draft.hitl().respondedBy()).isNull();
    }

    @Test
    void numbers_of_any_java_type_are_accepted_where_integers_are_expected() {
        for (Number timeout : List.<Number>of(60, 60L, (short) 60, (byte) 60, 60.0, 60.0f, new BigDecimal("60.000"),
                new BigDecimal("6E+1"), BigInteger.valueOf(60))) {
            Map<String, Object> body = with(full(), "hitl.timeout_seconds", timeout);

            assertThat(PacketInputParser.parseDraft(body).hitl().timeoutSeconds()).as(timeout.getClass().getName())
                    .isEqualTo(60);
        }
    }

    @Test
    void maps_of_any_implementation_are_accepted() {
        Map<String, Object> body = new HashMap<>(minimal());
        body.put("context", new HashMap<>(Map.of("summary", "s", "custom", new HashMap<>(Map.of("k", 1)))));

        assertThat(PacketInputParser.parseDraft(body).context().custom()).isEqualTo(Map.of("k", 1));
    }

    @Test
    void an_empty_body_reports_both_required_objects() {
        assertThat(errorsOf(() -> PacketInputParser.parseDraft(Map.of()))).containsExactly(
                new FieldError("metadata", "field is required"),
                new FieldError("context", "field is required"));
    }

    @Test
    void every_problem_is_reported_in_document_order_and_the_first_names_the_field() {
        Map<String, Object> body = json("""
                {"hitl": {"reason": "", "timeout_seconds": 0},
                 "dependencies": [{"id": "x", "type": "database", "description": "d"}],
                 "decisions": [{"id": "d1", "decision": "a", "rationale": "b"},
                               {"id": "d1", "decision": 1, "rationale": "b", "timestamp": "yesterday"}],
                 "context": {"summary": 42, "conversation_state": [{"role": "bot", "content": "hi"}, "text"]},
                 "metadata": {"priority": "urgent", "tags": ["", 7],
                              "source_agent": {"id": "", "name": null, "framework": 1},
                              "target_agent": "billing"},
                 "schema_id": "not-a-uuid",
                 "parent_packet_id": 12}
                """);

        ValidationException e = (ValidationException) org.assertj.core.api.Assertions.catchThrowable(
                () -> PacketInputParser.parseDraft(body));

        assertThat(e.errors()).containsExactly(
                new FieldError("parent_packet_id", "must be a valid UUID"),
                new FieldError("schema_id", "must be a valid UUID"),
                new FieldError("metadata.source_agent.id", "must not be empty"),
                new FieldError("metadata.source_agent.name", "field is required"),
                new FieldError("metadata.source_agent.framework", "must be a string"),
                new FieldError("metadata.target_agent", "must be an object"),
                new FieldError("metadata.priority", "must be one of: low, normal, high, critical"),
                new FieldError("metadata.tags[0]", "must not be empty"),
                new FieldError("metadata.tags[1]", "must be a string"),
                new FieldError("context.summary", "must be a string"),
                new FieldError("context.conversation_state[0].role", "must be one of: user, agent, system, human"),
                new FieldError("context.conversation_state[1]", "must be an object"),
                new FieldError("decisions[1].id", "duplicate id: d1"),
                new FieldError("decisions[1].decision", "must be a string"),
                new FieldError("decisions[1].timestamp", "must be an RFC 3339 timestamp"),
                new FieldError("dependencies[0].type",
                        "must be one of: data, api, human_approval, external_event, resource"),
                new FieldError("hitl.reason", "must be non-empty when required is true"),
                new FieldError("hitl.timeout_seconds", "must be at least 1"));
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(e.field()).isEqualTo("parent_packet_id");
        assertThat(e.detail()).isEqualTo("parent_packet_id: must be a valid UUID");
    }

    @Test
    void a_body_that_is_not_an_object_is_a_programming_error_of_the_caller() {
        for (Object notAnObject : java.util.Arrays.asList(null, List.of(), "{}", 1L, true)) {
            assertThatThrownBy(() -> PacketInputParser.parseDraft(notAnObject))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> PacketInputParser.parsePatch(notAnObject))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void a_missing_nested_required_field_does_not_hide_problems_elsewhere() {
        Map<String, Object> body = with(with(full(), "decisions[0].id", ABSENT), "hitl.options[1]", "");

        assertThat(errorsOf(() -> PacketInputParser.parseDraft(body))).containsExactly(
                new FieldError("decisions[0].id", "field is required"),
                new FieldError("hitl.options[1]", "must not be empty"));
    }
}
