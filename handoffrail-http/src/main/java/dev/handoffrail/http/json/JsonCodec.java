package dev.handoffrail.http.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request and response JSON of the HTTP adapter, on its own Jackson mapper. Parsing yields the plain values the
 * core works with (as {@code core.json.Json} does: ordered {@code Map}, {@code List}, {@code String}, {@code Long}
 * or {@code BigInteger}, {@code Double} or {@code BigDecimal} when a double would lose digits, {@code Boolean},
 * {@code null}) and enforces the nesting limit while streaming. Thread-safe.
 */
public final class JsonCodec {
    private final ObjectMapper mapper;
    private final int maxDepth;

    public JsonCodec(int maxDepth) {
        this.maxDepth = maxDepth;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .build();
        this.mapper = new ObjectMapper(factory);
    }

    /**
     * The request body as a JSON object. {@code 400 MALFORMED_JSON} when it is not parseable, has trailing
     * content, nests deeper than the limit, or its top level is not an object.
     */
    public Map<String, Object> parseObject(byte[] body) {
        Object value = parse(body);
        if (!(value instanceof Map)) {
            throw malformed("Request body must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) value;
        return object;
    }

    /** Any JSON value; {@code 400 MALFORMED_JSON} on the same conditions as {@link #parseObject(byte[])}. */
    public Object parse(byte[] body) {
        try (JsonParser parser = mapper.getFactory().createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw malformed("Request body is empty");
            }
            Object value = readValue(parser, first);
            if (parser.nextToken() != null) {
                throw malformed("Malformed JSON: unexpected content after the JSON value");
            }
            return value;
        } catch (StreamConstraintsException e) {
            throw malformed("Malformed JSON: nesting deeper than " + maxDepth + " levels");
        } catch (JsonProcessingException e) {
            throw malformed("Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact UTF-8 JSON of a plain value (maps, lists, strings, numbers, booleans, null). */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a plain JSON value", e);
        }
    }

    private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> integral(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> fractional(parser.getText());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw malformed("Malformed JSON: unexpected token " + token);
        };
    }

    private static Map<String, Object> readObject(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            object.put(name, readValue(parser, parser.nextToken()));
        }
        if (token != JsonToken.END_OBJECT) {
            throw malformed("Malformed JSON: unterminated object");
        }
        return Collections.unmodifiableMap(object);
    }

    private static List<Object> readArray(JsonParser parser) throws IOException {
        List<Object> array = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw malformed("Malformed JSON: unterminated array");
            }
            array.add(readValue(parser, token));
        }
        return Collections.unmodifiableList(array);
    }

    private static Number integral(BigInteger value) {
        return value.bitLength() < 64 ? (Number) value.longValue() : value;
    }

    private static Number fractional(String literal) {
        BigDecimal exact = new BigDecimal(literal);
        double approximate = exact.doubleValue();
        if (Double.isInfinite(approximate) || exact.compareTo(new BigDecimal(Double.toString(approximate))) != 0) {
            return exact;
        }
        return approximate;
    }

    private static HandoffRailException malformed(String detail) {
        return new HandoffRailException(ErrorCode.MALFORMED_JSON, detail);
    }
}
