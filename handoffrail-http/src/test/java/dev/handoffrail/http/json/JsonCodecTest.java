package dev.handoffrail.http.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.http.error.TransportCode;
import dev.handoffrail.http.error.TransportException;
import dev.handoffrail.testing.TestJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
    private final JsonCodec codec = new JsonCodec(3);

    @Test
    void values_parse_to_the_same_plain_types_as_the_core_codec() {
        String text = "{\"s\":\"x\",\"i\":1,\"big\":99999999999999999999,\"f\":0.25,"
                + "\"exact\":0.1000000000000000055511,"
                + "\"t\":true,\"n\":null,\"a\":[1,\"two\"],\"o\":{}}";

        Map<String, Object> parsed = codec.parseObject(bytes(text));

        assertThat(parsed).isEqualTo(TestJson.parse(text));
        assertThat(parsed.get("i")).isInstanceOf(Long.class);
        assertThat(parsed.get("exact")).isInstanceOf(BigDecimal.class);
        assertThat(parsed.keySet()).containsExactly("s", "i", "big", "f", "exact", "t", "n", "a", "o");
    }

    @Test
    void nesting_up_to_the_limit_parses_and_beyond_is_malformed() {
        assertThat(codec.parse(bytes("{\"a\":{\"b\":[1]}}"))).isNotNull();

        assertMalformed("{\"a\":{\"b\":[[1]]}}");
    }

    @Test
    void trailing_content_is_malformed() {
        assertMalformed("{} {}");
        assertMalformed("{}x");
    }

    @Test
    void a_non_object_top_level_is_malformed_for_objects_only() {
        assertThat(codec.parse(bytes("[1]"))).isEqualTo(List.of(1L));

        assertThatThrownBy(() -> codec.parseObject(bytes("[1]")))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isEqualTo(TransportCode.MALFORMED_JSON));
    }

    @Test
    void empty_and_truncated_input_is_malformed() {
        assertMalformed("");
        assertMalformed("   ");
        assertMalformed("{\"a\":[1,");
        assertMalformed("\"unterminated");
    }

    @Test
    void duplicate_members_keep_the_last_value() {
        assertThat(codec.parseObject(bytes("{\"a\":1,\"a\":2}"))).isEqualTo(Map.of("a", 2L));
    }

    @Test
    void writing_keeps_member_order_and_nulls() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("z", null);
        value.put("a", Arrays.asList(1L, null, "x"));

        assertThat(new String(codec.write(value), StandardCharsets.UTF_8))
                .isEqualTo("{\"z\":null,\"a\":[1,null,\"x\"]}");
    }

    private void assertMalformed(String text) {
        assertThatThrownBy(() -> codec.parse(bytes(text))).as(text)
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isEqualTo(TransportCode.MALFORMED_JSON));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
