package dev.handoffrail.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void objects_keep_key_order_and_arrays_keep_element_order() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", 1L);
        value.put("a", List.of(3L, 1L, 2L));
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("y", null);
        inner.put("b", false);
        value.put("m", inner);

        assertThat(JsonWriter.write(value)).isEqualTo("{\"z\":1,\"a\":[3,1,2],\"m\":{\"y\":null,\"b\":false}}");
    }

    @Test
    void literals_and_empty_containers_are_written_compactly() {
        assertThat(JsonWriter.write(true)).isEqualTo("true");
        assertThat(JsonWriter.write(null)).isEqualTo("null");
        assertThat(JsonWriter.write(List.of())).isEqualTo("[]");
        assertThat(JsonWriter.write(Map.of())).isEqualTo("{}");
        assertThat(JsonWriter.write("")).isEqualTo("\"\"");
    }

    @Test
    void numbers_are_written_exactly() {
        assertThat(JsonWriter.write(Arrays.asList(0L, -7L, new BigInteger("9223372036854775808"), 1.5, 0.1,
                new BigDecimal("3.141592653589793238462643383279"), new BigDecimal("1E+400"))))
                .isEqualTo("[0,-7,9223372036854775808,1.5,0.1,3.141592653589793238462643383279,1E+400]");
        assertThat(JsonWriter.write(List.of(1, (short) 2, (byte) 3, 4.5f, BigInteger.TEN, new BigDecimal("1.50"))))
                .isEqualTo("[1,2,3,4.5,10,1.50]");
    }

    @Test
    void special_characters_are_escaped_and_everything_else_is_kept() {
        String text = "q\" b\\ /\b\f\n\r\t\u0001\u001f é \uD83D\uDE00 \u2028";

        assertThat(JsonWriter.write(text))
                .isEqualTo("\"q\\\" b\\\\ /\\b\\f\\n\\r\\t\\u0001\\u001f é \uD83D\uDE00 \u2028\"");
    }

    @Test
    void bytes_are_the_utf8_of_the_text() {
        Map<String, Object> value = Map.of("k", List.of(Map.of("deep", "é東\uD83D\uDE00")));

        assertThat(new String(JsonWriter.writeBytes(value), StandardCharsets.UTF_8))
                .isEqualTo(JsonWriter.write(value));
    }

    @Test
    void utf8_length_counts_encoded_bytes() {
        assertThat(JsonWriter.utf8Length("a")).isEqualTo(3);
        assertThat(JsonWriter.utf8Length("é")).isEqualTo(4);
        assertThat(JsonWriter.utf8Length("東")).isEqualTo(5);
        assertThat(JsonWriter.utf8Length("\uD83D\uDE00")).isEqualTo(6);
        assertThat(JsonWriter.utf8Length(Map.of("k", "é東\uD83D\uDE00")))
                .isEqualTo(JsonWriter.writeBytes(Map.of("k", "é東\uD83D\uDE00")).length);
    }

    @Test
    void values_that_json_cannot_hold_are_refused() {
        assertThatThrownBy(() -> JsonWriter.write(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonWriter.write(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonWriter.write(Float.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonWriter.write(List.of(new Object())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
