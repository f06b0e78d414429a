package dev.handoffrail.adapters.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoffrail.core.error.FieldError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkntContextSchemaValidatorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final NetworkntContextSchemaValidator validator = new NetworkntContextSchemaValidator();

    private static Map<String, Object> json(String text) {
        try {
            return MAPPER.readValue(text, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("test JSON does not parse: " + text, e);
        }
    }

    private static Map<String, Object> context(String custom) {
        return json("{\"summary\": \"s\", \"conversation_state\": [{\"role\": \"user\", \"content\": \"hi\","
                + " \"timestamp\": null, \"metadata\": null}], \"artifacts\": [], \"custom\": " + custom + "}");
    }

    @Test
    void a_schema_of_the_default_draft_compiles() {
        assertThat(validator.compileError(json("{\"type\": \"object\", \"required\": [\"custom\"],"
                + " \"properties\": {\"custom\": {\"type\": \"object\"}}}"))).isNull();
    }

    @Test
    void a_schema_without_type_is_refused() {
        assertThat(validator.compileError(json("{\"properties\": {}}"))).isEqualTo("json_schema must contain 'type'");
    }

    @Test
    void a_schema_breaking_the_meta_schema_is_refused_with_the_location() {
        assertThat(validator.compileError(json("{\"type\": \"object\", \"properties\": 5}")))
                .isEqualTo("integer found, object expected (at '/properties')");
    }

    @Test
    void an_unknown_type_name_is_refused() {
        assertThat(validator.compileError(json("{\"type\": \"objectt\"}"))).isEqualTo(
                "does not have a value in the enumeration [\"array\", \"boolean\", \"integer\", \"null\","
                        + " \"number\", \"object\", \"string\"] (at '/type')");
    }

    @Test
    void the_declared_draft_decides_the_meta_schema() {
        String draft7 = "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"object\","
                + " \"required\": \"x\"}";
        assertThat(validator.compileError(json(draft7)))
                .isEqualTo("string found, array expected (at '/required')");
        assertThat(validator.compileError(json("{\"$schema\": \"http://json-schema.org/draft-07/schema#\","
                + " \"type\": \"object\", \"definitions\": {\"a\": {\"type\": \"string\"}}}"))).isNull();
    }

    @Test
    void an_unknown_draft_is_refused() {
        assertThat(validator.compileError(json("{\"$schema\": \"https://example.com/nope\", \"type\": \"object\"}")))
                .isEqualTo("unknown $schema 'https://example.com/nope'");
    }

    @Test
    void an_unresolvable_reference_and_a_bad_pattern_are_refused() {
        assertThat(validator.compileError(json("{\"type\": \"object\", \"$ref\": \"#/$defs/missing\"}")))
                .isEqualTo("Reference /$defs/missing cannot be resolved");
        assertThat(validator.compileError(json("{\"type\": \"string\", \"pattern\": \"[\"}")))
                .isEqualTo("invalid regular expression '[': Unclosed character class");
    }

    @Test
    void a_missing_property_is_reported_at_its_object() {
        Map<String, Object> schema = json("{\"type\": \"object\", \"properties\": {\"custom\": {\"type\": \"object\","
                + " \"required\": [\"amount\"]}}}");
        assertThat(validator.validate(schema, context("{}")))
                .containsExactly(new FieldError("context.custom", "'amount' is a required property"));
    }

    @Test
    void a_valid_context_has_no_errors() {
        Map<String, Object> schema = json("{\"type\": \"object\", \"properties\": {\"custom\": {\"type\": \"object\","
                + " \"required\": [\"amount\"]}}}");
        assertThat(validator.validate(schema, context("{\"amount\": 5}"))).isEmpty();
    }

    @Test
    void common_keywords_have_familiar_messages_and_array_paths() {
        Map<String, Object> schema = json("{\"type\": \"object\", \"properties\": {"
                + "\"summary\": {\"type\": \"string\", \"maxLength\": 0},"
                + "\"conversation_state\": {\"type\": \"array\", \"items\": {\"type\": \"object\","
                + "  \"properties\": {\"role\": {\"enum\": [\"agent\", \"system\"]}}}},"
                + "\"custom\": {\"type\": \"object\", \"additionalProperties\": false, \"properties\": {"
                + "  \"amount\": {\"type\": \"number\", \"minimum\": 10}, \"code\": {\"type\": \"string\"}}}}}");
        assertThat(validator.validate(schema, context("{\"amount\": 2, \"code\": 7, \"extra\": true}")))
                .containsExactlyInAnyOrder(
                        new FieldError("context.summary", "'s' is too long"),
                        new FieldError("context.conversation_state[0].role",
                                "'user' is not one of ['agent', 'system']"),
                        new FieldError("context.custom.amount", "2 is less than the minimum of 10"),
                        new FieldError("context.custom.code", "7 is not of type 'string'"),
                        new FieldError("context.custom",
                                "Additional properties are not allowed ('extra' was unexpected)"));
    }

    @Test
    void a_schema_is_compiled_once_and_reused() {
        Map<String, Object> schema = json("{\"type\": \"object\", \"required\": [\"custom\"]}");
        assertThat(validator.validate(schema, context("{}"))).isEmpty();
        assertThat(validator.validate(json("{\"type\": \"object\", \"required\": [\"custom\"]}"),
                json("{\"summary\": \"s\"}")))
                .containsExactly(new FieldError("context", "'custom' is a required property"));
    }
}
