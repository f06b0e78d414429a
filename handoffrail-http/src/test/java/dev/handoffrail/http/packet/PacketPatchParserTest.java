package dev.handoffrail.http.packet;

import static dev.handoffrail.http.packet.JsonEdits.errorsOf;
import static dev.handoffrail.http.packet.JsonEdits.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.packet.Artifact;
import dev.handoffrail.core.packet.CompletedAction;
import dev.handoffrail.core.packet.Decision;
import dev.handoffrail.core.packet.Dependency;
import dev.handoffrail.core.packet.DependencyStatus;
import dev.handoffrail.core.packet.DependencyType;
import dev.handoffrail.core.packet.HitlCheckpoint;
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.PacketPatch;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.schema.SchemaId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PacketPatchParserTest {

    @Test
    void an_empty_body_is_an_empty_patch() {
        PacketPatch patch = PacketInputParser.parsePatch(Map.of());

        assertThat(patch).isEqualTo(PacketPatch.EMPTY);
        assertThat(patch.touchesContent()).isFalse();
    }

    @Test
    void explicit_nulls_leave_every_field_unset() {
        PacketPatch patch = PacketInputParser.parsePatch(json("""
                {"status": null, "context": null, "decisions": null, "actions": null, "dependencies": null,
                 "hitl": null, "schema_id": null}
                """));

        assertThat(patch).isEqualTo(PacketPatch.EMPTY);
    }

    @Test
    void a_status_is_read_by_its_wire_name() {
        assertThat(PacketInputParser.parsePatch(json("{\"status\": \"in_progress\"}")))
                .isEqualTo(PacketPatch.status(PacketStatus.IN_PROGRESS));
    }

    @Test
    void an_unknown_status_lists_every_status() {
        assertThat(errorsOf(() -> PacketInputParser.parsePatch(json("{\"status\": \"done\"}")))).containsExactly(
                new FieldError("status", "must be one of: created, claimed, in_progress, awaiting_human, "
                        + "completed, failed, expired"));
    }

    @Test
    void a_context_is_parsed_whole_with_the_create_rules() {
        PacketPatch patch = PacketInputParser.parsePatch(json("""
                {"context": {"summary": "new", "artifacts": [{"key": "k", "value": {"a": 1}}]}}
                """));

        assertThat(patch.context()).isEqualTo(new PacketContext("new", List.of(),
                List.of(new Artifact("k", Map.of("a", 1L), null)), Map.of()));
        assertThat(patch.contentFields()).containsExactly("context");
    }

    @Test
    void decisions_are_an_upsert_list_and_a_repeated_id_is_rejected() {
        PacketPatch patch = PacketInputParser.parsePatch(json("""
                {"decisions": [{"id": "d2", "decision": "x", "rationale": "y"}]}
                """));
        assertThat(patch.decisions()).containsExactly(new Decision("d2", "x", "y", List.of(), null, null));

        assertThat(errorsOf(() -> PacketInputParser.parsePatch(json("""
                {"decisions": [{"id": "d2", "decision": "x", "rationale": "y"},
                               {"id": "d2", "decision": "z", "rationale": "y"}]}
                """)))).containsExactly(new FieldError("decisions[1].id", "duplicate id: d2"));
    }

    @Test
    void only_the_action_sections_sent_are_set() {
        PacketPatch patch = PacketInputParser.parsePatch(json("""
                {"actions": {"completed": [{"id": "a1", "description": "d", "result": "ok"}], "pending": null}}
                """));

        assertThat(patch.pendingActions()).isNull();
        assertThat(patch.completedActions()).containsExactly(new CompletedAction("a1", "d", "ok", null, null));
        assertThat(patch.failedActions()).isNull();
        assertThat(patch.contentFields()).containsExactly("actions");
    }

    @Test
    void an_empty_section_is_sent_and_clears_that_section() {
        PacketPatch patch = PacketInputParser.parsePatch(json("{\"actions\": {\"failed\": []}}"));

        assertThat(patch.failedActions()).isEmpty();
        assertThat(patch.pendingActions()).isNull();
    }

    @Test
    void an_empty_actions_object_changes_no_section() {
        PacketPatch patch = PacketInputParser.parsePatch(json("{\"actions\": {}}"));

        assertThat(patch).isEqualTo(PacketPatch.EMPTY);
    }

    @Test
    void dependencies_hitl_and_schema_are_read_like_on_create() {
        PacketPatch patch = PacketInputParser.parsePatch(json("""
                {"dependencies": [{"id": "x", "type": "resource", "description": "gpu"}],
                 "hitl": {"reason": "check", "options": ["yes", "no"], "response": "yes"},
                 "schema_id": "5e7a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c"}
                """));

        assertThat(patch.dependencies()).containsExactly(
                new Dependency("x", DependencyType.RESOURCE, "gpu", DependencyStatus.UNKNOWN, null));
        assertThat(patch.hitl()).isEqualTo(HitlCheckpoint.of(true, "check", null, List.of("yes", "no"), null));
        assertThat(patch.schemaId()).isEqualTo(new SchemaId(UUID.fromString("5e7a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c")));
        assertThat(patch.contentFields()).containsExactly("dependencies", "hitl", "schema_id");
    }

    @Test
    void fields_that_patch_does_not_know_are_ignored() {
        PacketPatch patch = PacketInputParser.parsePatch(json("""
                {"metadata": {"priority": "nonsense"}, "parent_packet_id": "nope", "id": 5, "tags": 1,
                 "created_at": "x"}
                """));

        assertThat(patch).isEqualTo(PacketPatch.EMPTY);
    }

    @Test
    void every_problem_is_reported_in_the_order_of_the_patch_table() {
        assertThat(errorsOf(() -> PacketInputParser.parsePatch(json("""
                {"schema_id": "x", "hitl": {"reason": 1}, "dependencies": {}, "actions": {"pending": [{}]},
                 "decisions": "d", "context": {}, "status": 3}
                """)))).containsExactly(
                new FieldError("status", "must be one of: created, claimed, in_progress, awaiting_human, completed, "
                        + "failed, expired"),
                new FieldError("context.summary", "field is required"),
                new FieldError("decisions", "must be an array"),
                new FieldError("actions.pending[0].id", "field is required"),
                new FieldError("actions.pending[0].description", "field is required"),
                new FieldError("actions.pending[0].assignee", "field is required"),
                new FieldError("dependencies", "must be an array"),
                new FieldError("hitl.reason", "must be a string"),
                new FieldError("schema_id", "must be a valid UUID"));
    }

    @Test
    void wrongly_typed_top_level_fields_are_reported() {
        assertThat(errorsOf(() -> PacketInputParser.parsePatch(json("""
                {"context": "c", "actions": [], "hitl": true}
                """)))).containsExactly(
                new FieldError("context", "must be an object"),
                new FieldError("actions", "must be an object"),
                new FieldError("hitl", "must be an object"));
    }
}
