package dev.handoffrail.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void objects_keep_key_order_and_arrays_keep_element_order() {
        Object value = Json.parse("{\"z\": 1, \"a\": [3, 1, 2], \"m\": {\"y\": null, \"b\": false}}");

        assertThat(value).isInstanceOf(Map.class);
        assertThat(List.copyOf(((Map<?, ?>) value).keySet())).isEqualTo(List.of("z", "a", "m"));
        assertThat(Json.write(value)).isEqualTo("{\"z\":1,\"a\":[3,1,2],\"m\":{\"y\":null,\"b\":false}}");
    }

    @Test
    void literals_and_white_space_are_read() {
        assertThat(Json.parse(" \t\r\n true ")).isEqualTo(true);
        assertThat(Json.parse("false")).isEqualTo(false);
        assertThat(Json.parse("null")).isNull();
        assertThat(Json.parse("[ ]")).isEqualTo(List.of());
        assertThat(Json.parse("{ }")).isEqualTo(Map.of());
        assertThat(Json.parse("\"\"")).isEqualTo("");
    }

    @Test
    void parsed_containers_cannot_be_modified() {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) Json.parse("{\"a\": [1]}");

        assertThatThrownBy(() -> map.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) map.get("a")).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_repeated_key_keeps_the_last_value() {
        assertThat(Json.parse("{\"a\": 1, \"a\": 2}")).isEqualTo(Map.of("a", 2L));
    }

    @Test
    void integers_are_longs_while_they_fit_and_big_integers_beyond() {
        assertThat(Json.parse("0")).isEqualTo(0L);
        assertThat(Json.parse("-0")).isEqualTo(0L);
        assertThat(Json.parse("42")).isEqualTo(42L);
        assertThat(Json.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(Json.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(Json.parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(Json.parse("-123456789012345678901234567890"))
                .isEqualTo(new BigInteger("-123456789012345678901234567890"));
    }

    @Test
    void fractions_are_doubles_unless_a_double_would_lose_digits() {
        assertThat(Json.parse("1.5")).isEqualTo(1.5);
        assertThat(Json.parse("0.1")).isEqualTo(0.1);
        assertThat(Json.parse("-2.5e-3")).isEqualTo(-0.0025);
        assertThat(Json.parse("1E3")).isEqualTo(1000.0);
        assertThat(Json.parse("1e+2")).isEqualTo(100.0);
        assertThat(Json.parse("3.141592653589793238462643383279"))
                .isEqualTo(new BigDecimal("3.141592653589793238462643383279"));
        assertThat(Json.parse("1e400")).isEqualTo(new BigDecimal("1e400"));
    }

    @Test
    void numbers_are_written_back_exactly() {
        String text = "[0,-7,9223372036854775808,1.5,0.1,3.141592653589793238462643383279,1E+400]";

        assertThat(Json.write(Json.parse(text))).isEqualTo(text);
        assertThat(Json.write(List.of(1, (short) 2, (byte) 3, 4.5f, BigInteger.TEN, new BigDecimal("1.50"))))
                .isEqualTo("[1,2,3,4.5,10,1.50]");
    }

    @Test
    void escapes_are_decoded_on_read() {
        assertThat(Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\u00E9 \\ud83d\\ude00\""))
                .isEqualTo("q\" b\\ s/ \b\f\n\r\t é é \uD83D\uDE00");
    }

    @Test
    void special_characters_are_escaped_on_write_and_everything_else_is_kept() {
        String text = "q\" b\\ /\b\f\n\r\t\u0001\u001f é \uD83D\uDE00 \u2028";

        assertThat(Json.write(text)).isEqualTo("\"q\\\" b\\\\ /\\b\\f\\n\\r\\t\\u0001\\u001f é \uD83D\uDE00 \u2028\"");
        assertThat(Json.parse(Json.write(text))).isEqualTo(text);
    }

    @Test
    void nested_values_round_trip_through_text() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "text");
        value.put("n", null);
        value.put("list", Arrays.asList(1L, 2.5, null, true, List.of(), Map.of()));
        value.put("big", new BigInteger("123456789012345678901234567890"));
        value.put("obj", Map.of("k", List.of(Map.of("deep", "yes"))));

        assertThat(Json.parse(Json.write(value))).isEqualTo(value);
        assertThat(new String(Json.writeBytes(value), StandardCharsets.UTF_8)).isEqualTo(Json.write(value));
    }

    @Test
    void utf8_length_counts_encoded_bytes() {
        assertThat(Json.utf8Length("a")).isEqualTo(3);
        assertThat(Json.utf8Length("é")).isEqualTo(4);
        assertThat(Json.utf8Length("東")).isEqualTo(5);
        assertThat(Json.utf8Length("\uD83D\uDE00")).isEqualTo(6);
        assertThat(Json.utf8Length(Map.of("k", "é東\uD83D\uDE00"))).isEqualTo(Json.writeBytes(Map.of("k",
                "é東\uD83D\uDE00")).length);
    }

    @Test
    void values_that_json_cannot_hold_are_refused_on_write() {
        assertThatThrownBy(() -> Json.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(Float.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.write(List.of(new Object()))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nesting_up_to_the_limit_is_accepted_and_one_level_more_is_too_deep() {
        assertThat(Json.parse("[".repeat(64) + "]".repeat(64))).isInstanceOf(List.class);
        assertThat(Json.parse("{\"a\":".repeat(63) + "[]" + "}".repeat(63))).isInstanceOf(Map.class);

        JsonSyntaxException e = catchThrowableOfType(() -> Json.parse("[".repeat(65) + "]".repeat(65)),
                JsonSyntaxException.class);
        assertThat(e.tooDeep()).isTrue();
        assertThat(catchThrowableOfType(() -> Json.parse("[[1]]", 1), JsonSyntaxException.class).tooDeep())
                .isTrue();
        assertThat(Json.parse("[1]", 1)).isEqualTo(List.of(1L));
    }

    @Test
    void a_deeply_nested_attack_is_stopped_without_exhausting_the_stack() {
        String attack = "[".repeat(1_000_000);

        assertThat(catchThrowableOfType(() -> Json.parse(attack), JsonSyntaxException.class).tooDeep()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "[", "[1,]", "[,1]", "[1 2]", "{\"a\"}", "{\"a\":}", "{\"a\":1,}",
        "{a:1}", "{'a':1}", "{1:1}", "01", "-", "-a", "1.", ".5", "+1", "1e", "1e+", "0x10", "NaN", "Infinity",
        "tru", "nul", "True", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\u12g4\"", "\"a\nb\"", "\"\\", "1 2", "[] []",
        "{\"a\":1}x", "// comment", "'single'"})
    void malformed_input_is_a_syntax_error_that_is_not_too_deep(String text) {
        JsonSyntaxException e = catchThrowableOfType(() -> Json.parse(text), JsonSyntaxException.class);

        assertThat(e).as(text).isNotNull();
        assertThat(e.tooDeep()).isFalse();
        assertThat(e.position()).isBetween(0, text.length());
        assertThat(e.getMessage()).contains("at position " + e.position());
    }

    @Test
    void no_input_is_a_syntax_error() {
        assertThatThrownBy(() -> Json.parse(null)).isInstanceOf(JsonSyntaxException.class);
    }
}
