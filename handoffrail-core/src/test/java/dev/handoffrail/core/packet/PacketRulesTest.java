package dev.handoffrail.core.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.testing.RuleBreakingPacket;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PacketRulesTest {
    private static final AgentInfo SOURCE = AgentInfo.of("sales-01", "SalesBot");
    private static final AgentInfo TARGET = AgentInfo.of("billing-01", "BillingBot");

    @Test
    void the_smallest_draft_and_a_fully_populated_one_are_valid() {
        assertThat(PacketRules.validate(PacketDraft.of(SOURCE, TARGET, ""))).isEmpty();
        assertThat(PacketRules.validate(PacketDraft.of(SOURCE, TARGET, "s").withContext(
                SamplePackets.fullyPopulated().context()))).isEmpty();
    }

    @Test
    void a_draft_breaking_every_rule_gets_one_error_per_problem_in_document_order() {
        assertThat(PacketRules.validate(RuleBreakingPacket.draft())).isEqualTo(RuleBreakingPacket.errors())
                .hasSize(23);
    }

    @Test
    void list_sizes_are_limited() {
        PacketDraft draft = PacketDraft.of(SOURCE, TARGET, "s").withTags(Collections.nCopies(33, "t"))
                .withHitl(HitlCheckpoint.of(false, "", null, Collections.nCopies(51, "o"), null));

        assertThat(PacketRules.validate(draft)).containsExactly(
                new FieldError("metadata.tags", "must have at most 32 items"),
                new FieldError("hitl.options", "must have at most 50 items"));
    }

    @Test
    void an_artifact_value_built_in_code_must_still_be_a_string_object_or_array() {
        PacketDraft draft = PacketDraft.of(SOURCE, TARGET, "s").withContext(new PacketContext("s", List.of(),
                List.of(new Artifact("n", 42L, null), new Artifact("b", true, null),
                        new Artifact("m", Map.of(), null)), Map.of()));

        assertThat(PacketRules.validate(draft)).containsExactly(
                new FieldError("context.artifacts[0].value", "must be a string, object or array"),
                new FieldError("context.artifacts[1].value", "must be a string, object or array"));
    }

    @Test
    void lengths_count_code_points_not_utf16_units() {
        String emoji = "\uD83D\uDE00";
        assertThat(PacketRules.validate(PacketDraft.of(AgentInfo.of(emoji.repeat(128), ""), TARGET, ""))).isEmpty();
        assertThat(PacketRules.validate(PacketDraft.of(AgentInfo.of(emoji.repeat(129), ""), TARGET, "")))
                .containsExactly(new FieldError("metadata.source_agent.id", "must be at most 128 characters"));
    }

    @Test
    void a_patch_is_checked_only_in_the_fields_it_sets() {
        assertThat(PacketRules.validate(PacketPatch.EMPTY)).isEmpty();
        PacketPatch patch = new PacketPatch(PacketStatus.FAILED, PacketContext.ofSummary(x(10_001)),
                List.of(new Decision("d", "a", "b", List.of(), null, null),
                        new Decision("d", "a", "b", List.of(), null, null)),
                null, null, List.of(new FailedAction("", "d", "e", null)),
                List.of(new Dependency("", DependencyType.API, "", null, null)),
                HitlCheckpoint.of(true, "", null, null, null), null);

        assertThat(PacketRules.validate(patch)).containsExactly(
                new FieldError("context.summary", "must be at most 10000 characters"),
                new FieldError("decisions[1].id", "duplicate id: d"),
                new FieldError("actions.failed[0].id", "must not be empty"),
                new FieldError("dependencies[0].id", "must not be empty"),
                new FieldError("hitl.reason", "must be non-empty when required is true"));
    }

    @Test
    void a_claiming_agent_needs_an_id_and_a_name_within_limits() {
        assertThat(PacketRules.validateAgent("", "billing-01", "", null)).isEmpty();
        assertThat(PacketRules.validateAgent("", x(128), x(256), x(64))).isEmpty();
        assertThat(PacketRules.validateAgent("", null, null, x(65))).containsExactly(
                new FieldError("agent_id", "field is required"),
                new FieldError("agent_name", "field is required"),
                new FieldError("framework", "must be at most 64 characters"));
        assertThat(PacketRules.validateAgent("claim", "", x(257), null)).containsExactly(
                new FieldError("claim.agent_id", "must not be empty"),
                new FieldError("claim.agent_name", "must be at most 256 characters"));
        assertThat(PacketRules.validateAgent(null, x(129), "n", null))
                .containsExactly(new FieldError("agent_id", "must be at most 128 characters"));
    }

    @Test
    void a_response_needs_text_and_a_responder_within_limits() {
        assertThat(PacketRules.validateResponse("Approve", "manager@company.com", null)).isEmpty();
        assertThat(PacketRules.validateResponse(x(10_000), x(256), x(10_000))).isEmpty();
        assertThat(PacketRules.validateResponse(null, null, null)).containsExactly(
                new FieldError("response", "field is required"),
                new FieldError("responded_by", "field is required"));
        assertThat(PacketRules.validateResponse("", "", x(10_001))).containsExactly(
                new FieldError("response", "must not be empty"),
                new FieldError("responded_by", "must not be empty"),
                new FieldError("notes", "must be at most 10000 characters"));
        assertThat(PacketRules.validateResponse(x(10_001), x(257), "")).containsExactly(
                new FieldError("response", "must be at most 10000 characters"),
                new FieldError("responded_by", "must be at most 256 characters"));
    }

    @Test
    void throw_if_any_throws_only_for_a_non_empty_list() {
        assertThatCode(() -> PacketRules.throwIfAny(List.of())).doesNotThrowAnyException();
        assertThatThrownBy(() -> PacketRules.throwIfAny(List.of(new FieldError("q", "field is required"))))
                .isInstanceOf(ValidationException.class).hasMessage("q: field is required");
    }

    @Test
    void the_limits_are_those_of_the_contract() {
        assertThat(List.of(PacketRules.MAX_ID_LENGTH, PacketRules.MAX_AGENT_NAME_LENGTH,
                PacketRules.MAX_FRAMEWORK_LENGTH, PacketRules.MAX_VERSION_LENGTH, PacketRules.MAX_TAGS,
                PacketRules.MAX_TAG_LENGTH, PacketRules.MAX_SUMMARY_LENGTH, PacketRules.MAX_ARTIFACT_KEY_LENGTH,
                PacketRules.MAX_CONTENT_TYPE_LENGTH, PacketRules.MAX_QUESTION_LENGTH, PacketRules.MAX_OPTIONS,
                PacketRules.MAX_OPTION_LENGTH, PacketRules.MIN_TIMEOUT_SECONDS, PacketRules.MIN_RETRIES_REMAINING,
                PacketRules.MAX_RESPONSE_LENGTH, PacketRules.MAX_RESPONDED_BY_LENGTH, PacketRules.MAX_NOTES_LENGTH))
                .containsExactly(128, 256, 64, 64, 32, 64, 10_000, 256, 128, 2_000, 50, 256, 1, 0, 10_000, 256,
                        10_000);
    }

    private static String x(int length) {
        return "x".repeat(length);
    }
}
