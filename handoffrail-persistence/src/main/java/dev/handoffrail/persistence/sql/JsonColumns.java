package dev.handoffrail.persistence.sql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.handoffrail.core.packet.JsonValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON columns of this adapter (packet documents, schemas, audit details, webhook event lists) on one Jackson
 * mapper: snake_case member names, unknown members ignored, and free-form values read as the core's plain values
 * (ordered maps, lists, numbers in {@link JsonValues}' canonical forms), so a value reads back equal to what was
 * stored. Nesting is not limited here: what is stored was accepted by an adapter that limits it. Thread-safe.
 */
final class JsonColumns {
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
                    .build())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule().addDeserializer(Object.class, new PlainValueDeserializer()))
            .build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private JsonColumns() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not storable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    static Map<String, Object> readObject(String json) {
        return read(json, OBJECT);
    }

    static List<String> readStrings(String json) {
        return read(json, STRINGS);
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Any JSON value as a plain Java value; used for every {@code Object}-typed member and map value. */
    private static final class PlainValueDeserializer extends StdDeserializer<Object> {
        PlainValueDeserializer() {
            super(Object.class);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return value(parser, parser.currentToken());
        }

        private static Object value(JsonParser parser, JsonToken token) throws IOException {
            return switch (token) {
                case START_OBJECT, FIELD_NAME -> object(parser, token);
                case START_ARRAY -> array(parser);
                case VALUE_STRING -> parser.getText();
                case VALUE_NUMBER_INT -> JsonValues.integral(parser.getBigIntegerValue());
                case VALUE_NUMBER_FLOAT -> JsonValues.fractional(parser.getDecimalValue());
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                default -> throw new UncheckedIOException(new IOException("unexpected JSON token " + token));
            };
        }

        private static Map<String, Object> object(JsonParser parser, JsonToken first) throws IOException {
            Map<String, Object> object = new LinkedHashMap<>();
            JsonToken token = first == JsonToken.FIELD_NAME ? first : parser.nextToken();
            for (; token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                object.put(name, value(parser, parser.nextToken()));
            }
            return object;
        }

        private static List<Object> array(JsonParser parser) throws IOException {
            List<Object> array = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                array.add(value(parser, token));
            }
            return array;
        }
    }
}
