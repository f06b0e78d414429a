package dev.handoffrail.http.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoffrail.core.packet.JsonValues;
import dev.handoffrail.http.error.TransportCode;
import dev.handoffrail.http.error.TransportException;
import io.javalin.json.JavalinJackson;
import io.javalin.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request and response JSON of the HTTP adapter, on its own Jackson mapper. Parsing yields the plain values the
 * core holds free-form JSON in (ordered {@code Map}, {@code List}, {@code String}, numbers in the canonical forms
 * of {@link JsonValues}, {@code Boolean}, {@code null}) and enforces the nesting limit while streaming.
 * Thread-safe.
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

    /** This codec's mapper as Javalin's JSON mapper: {@code ctx.json} then writes exactly what {@link #write} does. */
    public JsonMapper javalinMapper() {
        return new JavalinJackson(mapper, false);
    }

    /** Compact UTF-8 JSON of a plain value (maps, lists, strings, numbers, booleans, null) or a response record. */
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
            case VALUE_NUMBER_INT -> JsonValues.integral(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> JsonValues.fractional(new BigDecimal(parser.getText()));
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

    private static TransportException malformed(String detail) {
        return new TransportException(TransportCode.MALFORMED_JSON, detail);
    }
}
