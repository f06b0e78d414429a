package dev.handoffrail.http.packet;

import static dev.handoffrail.http.packet.JsonEdits.ABSENT;
import static dev.handoffrail.http.packet.JsonEdits.errorsOf;
import static dev.handoffrail.http.packet.JsonEdits.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketRules;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One rule at a time: a valid full body with a single field changed gives exactly one error. */
class PacketInputFieldRulesTest {
    private static final String REQUIRED = "field is required";
    private static final String STRING = "must be a string";
    private static final String OBJECT = "must be an object";
    private static final String ARRAY = "must be an array";
    private static final String NOT_EMPTY = "must not be empty";
    private static final String TIMESTAMP = "must be an RFC 3339 timestamp";
    private static final String INTEGER = "must be an integer";
    private static final String PRIORITIES = "must be one of: low, normal, high, critical";

    static Stream<Arguments> invalidFields() {
        return Stream.of(
                row("metadata", ABSENT, REQUIRED),
                row("metadata", null, REQUIRED),
                row("metadata", "x", OBJECT),
                row("metadata.source_agent", ABSENT, REQUIRED),
                row("metadata.source_agent", List.of(), OBJECT),
                row("metadata.source_agent.id", ABSENT, REQUIRED),
                row("metadata.source_agent.id", "", NOT_EMPTY),
                row("metadata.source_agent.id", x(129), "must be at most 128 characters"),
                row("metadata.source_agent.id", 5L, STRING),
                row("metadata.source_agent.name", ABSENT, REQUIRED),
                row("metadata.source_agent.name", x(257), "must be at most 256 characters"),
                row("metadata.source_agent.name", false, STRING),
                row("metadata.source_agent.framework", x(65), "must be at most 64 characters"),
                row("metadata.source_agent.version", x(65), "must be at most 64 characters"),
                row("metadata.source_agent.version", 1.0, STRING),
                row("metadata.target_agent", ABSENT, REQUIRED),
                row("metadata.target_agent.id", "", NOT_EMPTY),
                row("metadata.target_agent.id", x(129), "must be at most 128 characters"),
                row("metadata.target_agent.name", ABSENT, REQUIRED),
                row("metadata.target_agent.name", x(257), "must be at most 256 characters"),
                row("metadata.target_agent.framework", x(65), "must be at most 64 characters"),
                row("metadata.priority", "HIGH", PRIORITIES),
                row("metadata.priority", 2L, PRIORITIES),
                row("metadata.tags", "a,b", ARRAY),
                row("metadata.tags", Collections.nCopies(33, "t"), "must have at most 32 items"),
                row("metadata.tags[0]", "", NOT_EMPTY),
                row("metadata.tags[0]", x(65), "must be at most 64 characters"),
                row("metadata.tags[0]", null, STRING),
                row("context", ABSENT, REQUIRED),
                row("context", "summary", OBJECT),
                row("context.summary", ABSENT, REQUIRED),
                row("context.summary", null, REQUIRED),
                row("context.summary", x(10_001), "must be at most 10000 characters"),
                row("context.conversation_state", Map.of(), ARRAY),
                row("context.conversation_state[0]", "hi", OBJECT),
                row("context.conversation_state[0].role", ABSENT, REQUIRED),
                row("context.conversation_state[0].role", "assistant", "must be one of: user, agent, system, human"),
                row("context.conversation_state[0].content", ABSENT, REQUIRED),
                row("context.conversation_state[0].content", 1L, STRING),
                row("context.conversation_state[0].timestamp", "2026-13-01T00:00:00Z", TIMESTAMP),
                row("context.conversation_state[0].timestamp", "yesterday", TIMESTAMP),
                row("context.conversation_state[0].timestamp", 1_700_000_000L, TIMESTAMP),
                row("context.conversation_state[0].metadata", "m", OBJECT),
                row("context.conversation_state[0].metadata", List.of(), OBJECT),
                row("context.artifacts", "a", ARRAY),
                row("context.artifacts[0].key", ABSENT, REQUIRED),
                row("context.artifacts[0].key", "", NOT_EMPTY),
                row("context.artifacts[0].key", x(257), "must be at most 256 characters"),
                row("context.artifacts[0].value", ABSENT, REQUIRED),
                row("context.artifacts[0].value", null, REQUIRED),
                row("context.artifacts[0].value", 5L, "must be a string, object or array"),
                row("context.artifacts[0].value", true, "must be a string, object or array"),
                row("context.artifacts[0].value", 1.5, "must be a string, object or array"),
                row("context.artifacts[0].content_type", x(129), "must be at most 128 characters"),
                row("context.artifacts[0].content_type", 3L, STRING),
                row("context.custom", "x", OBJECT),
                row("context.custom", List.of("x"), OBJECT),
                row("decisions", Map.of(), ARRAY),
                row("decisions[0]", "d", OBJECT),
                row("decisions[0].id", ABSENT, REQUIRED),
                row("decisions[0].id", "", NOT_EMPTY),
                row("decisions[0].id", x(129), "must be at most 128 characters"),
                row("decisions[0].decision", ABSENT, REQUIRED),
                row("decisions[0].rationale", ABSENT, REQUIRED),
                row("decisions[0].rationale", 7L, STRING),
                row("decisions[0].alternatives", "Wait", ARRAY),
                row("decisions[0].alternatives[0]", 1L, STRING),
                row("decisions[0].decided_by", 1L, STRING),
                row("decisions[0].timestamp", "2026-05-30", TIMESTAMP),
                row("decisions[1].id", "d1", "duplicate id: d1"),
                row("actions", List.of(), OBJECT),
                row("actions.pending", Map.of(), ARRAY),
                row("actions.pending[0]", 1L, OBJECT),
                row("actions.pending[0].id", ABSENT, REQUIRED),
                row("actions.pending[0].id", "", NOT_EMPTY),
                row("actions.pending[0].id", x(129), "must be at most 128 characters"),
                row("actions.pending[0].description", ABSENT, REQUIRED),
                row("actions.pending[0].assignee", ABSENT, REQUIRED),
                row("actions.pending[0].priority", "urgent", PRIORITIES),
                row("actions.pending[0].depends_on", "a0", ARRAY),
                row("actions.pending[0].depends_on[0]", 1L, STRING),
                row("actions.pending[0].deadline", "soon", TIMESTAMP),
                row("actions.completed", "done", ARRAY),
                row("actions.completed[0].id", "", NOT_EMPTY),
                row("actions.completed[0].description", ABSENT, REQUIRED),
                row("actions.completed[0].result", ABSENT, REQUIRED),
                row("actions.completed[0].completed_by", 1L, STRING),
                row("actions.completed[0].completed_at", "x", TIMESTAMP),
                row("actions.failed", true, ARRAY),
                row("actions.failed[0].id", x(129), "must be at most 128 characters"),
                row("actions.failed[0].error", ABSENT, REQUIRED),
                row("actions.failed[0].retries_remaining", -1L, "must be at least 0"),
                row("actions.failed[0].retries_remaining", 2.5, INTEGER),
                row("actions.failed[0].retries_remaining", "3", INTEGER),
                row("actions.failed[0].retries_remaining", true, INTEGER),
                row("actions.failed[0].retries_remaining", new BigInteger("100000000000000000000"),
                        "must be at most 2147483647"),
                row("actions.failed[0].retries_remaining", 2_147_483_648L, "must be at most 2147483647"),
                row("dependencies", "x", ARRAY),
                row("dependencies[0]", List.of(), OBJECT),
                row("dependencies[0].id", "", NOT_EMPTY),
                row("dependencies[0].id", x(129), "must be at most 128 characters"),
                row("dependencies[0].type", ABSENT, REQUIRED),
                row("dependencies[0].type", "API",
                        "must be one of: data, api, human_approval, external_event, resource"),
                row("dependencies[0].description", ABSENT, REQUIRED),
                row("dependencies[0].status", "ready", "must be one of: blocked, available, unknown"),
                row("dependencies[0].source", 1L, STRING),
                row("hitl", "yes", OBJECT),
                row("hitl.required", "true", "must be a boolean"),
                row("hitl.required", 1L, "must be a boolean"),
                row("hitl.reason", ABSENT, REQUIRED),
                row("hitl.reason", "", "must be non-empty when required is true"),
                row("hitl.reason", 5L, STRING),
                row("hitl.question", x(2_001), "must be at most 2000 characters"),
                row("hitl.question", List.of(), STRING),
                row("hitl.options", "Approve", ARRAY),
                row("hitl.options", Collections.nCopies(51, "o"), "must have at most 50 items"),
                row("hitl.options[0]", "", NOT_EMPTY),
                row("hitl.options[0]", x(257), "must be at most 256 characters"),
                row("hitl.options[0]", 1L, STRING),
                row("hitl.timeout_seconds", 0L, "must be at least 1"),
                row("hitl.timeout_seconds", -5L, "must be at least 1"),
                row("hitl.timeout_seconds", 1.5, INTEGER),
                row("hitl.timeout_seconds", "60", INTEGER),
                row("hitl.timeout_seconds", 1e300, "must be at most 2147483647"),
                row("parent_packet_id", "abc", "must be a valid UUID"),
                row("parent_packet_id", 1L, "must be a valid UUID"),
                row("parent_packet_id", "9b2f3c1e2d8a4a519f0e6f2f1b9a7c10", "must be a valid UUID"),
                row("schema_id", "", "must be a valid UUID"));
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @MethodSource("invalidFields")
    void a_single_invalid_field_gives_exactly_its_error(String path, Object value, String message) {
        Map<String, Object> body = with(PacketInputParserTest.full(), path, value);

        assertThat(errorsOf(() -> PacketInputParser.parseDraft(body))).containsExactly(new FieldError(path, message));
    }

    static Stream<Arguments> valuesAtTheLimit() {
        String emoji = "\uD83D\uDE00";
        return Stream.of(
                arguments("metadata.source_agent.id", x(128)),
                arguments("metadata.source_agent.id", emoji.repeat(128)),
                arguments("metadata.source_agent.name", x(256)),
                arguments("metadata.source_agent.name", ""),
                arguments("metadata.source_agent.framework", x(64)),
                arguments("metadata.source_agent.version", x(64)),
                arguments("metadata.target_agent.id", "t"),
                arguments("metadata.tags", Collections.nCopies(32, x(64))),
                arguments("context.summary", x(10_000)),
                arguments("context.summary", emoji.repeat(10_000)),
                arguments("context.artifacts[0].key", x(256)),
                arguments("context.artifacts[0].content_type", x(128)),
                arguments("context.artifacts[0].value", List.of()),
                arguments("context.artifacts[0].value", ""),
                arguments("decisions[0].id", x(128)),
                arguments("actions.failed[0].retries_remaining", 0L),
                arguments("actions.failed[0].retries_remaining", 2_147_483_647L),
                arguments("dependencies[0].id", x(128)),
                arguments("hitl.question", x(2_000)),
                arguments("hitl.options", Collections.nCopies(50, x(256))),
                arguments("hitl.options", List.of()),
                arguments("hitl.timeout_seconds", 1L),
                arguments("context.conversation_state[0].timestamp", "2026-05-30t19:35:00.123456789-07:00"),
                arguments("context.conversation_state[0].timestamp", "2026-05-30 19:35:00"));
    }

    @ParameterizedTest(name = "{0} of length or value at the limit")
    @MethodSource("valuesAtTheLimit")
    void values_at_the_limit_are_accepted(String path, Object value) {
        Map<String, Object> body = with(PacketInputParserTest.full(), path, value);

        PacketDraft draft = PacketInputParser.parseDraft(body);

        assertThat(PacketRules.validate(draft)).isEmpty();
    }

    @Test
    void a_reason_is_not_checked_for_emptiness_when_required_is_not_a_boolean() {
        Map<String, Object> body = with(with(PacketInputParserTest.full(), "hitl.required", "yes"), "hitl.reason", "");

        assertThat(errorsOf(() -> PacketInputParser.parseDraft(body)))
                .containsExactly(new FieldError("hitl.required", "must be a boolean"));
    }

    @Test
    void every_further_repeat_of_a_decision_id_is_reported() {
        Map<String, Object> body = with(with(PacketInputParserTest.full(), "decisions[1].id", "d1"), "decisions",
                List.of(Map.of("id", "d1", "decision", "a", "rationale", "b"),
                        Map.of("id", "d2", "decision", "a", "rationale", "b"),
                        Map.of("id", "d1", "decision", "a", "rationale", "b"),
                        Map.of("id", "d2", "decision", "a", "rationale", "b"),
                        Map.of("id", "d1", "decision", "a", "rationale", "b")));

        assertThat(errorsOf(() -> PacketInputParser.parseDraft(body))).containsExactly(
                new FieldError("decisions[2].id", "duplicate id: d1"),
                new FieldError("decisions[3].id", "duplicate id: d2"),
                new FieldError("decisions[4].id", "duplicate id: d1"));
    }

    private static Arguments row(String path, Object value, String message) {
        return arguments(path, value, message);
    }

    private static String x(int length) {
        return "x".repeat(length);
    }
}
