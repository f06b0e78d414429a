package dev.handoffrail.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.handoffrail.core.packet.JsonValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON text into the core's plain values (ordered maps, lists, numbers in {@link JsonValues}' canonical
 * forms) for assertions on what the core writes; the core itself only writes JSON. Outside the core's packages
 * because it uses Jackson, which the core (and ArchitectureTest's rule for it) excludes. Thread-safe.
 */
public final class TestJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private TestJson() {
    }

    public static Object parse(String text) {
        try {
            return plain(MAPPER.readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@link #parse} of an object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String text) {
        return (Map<String, Object>) parse(text);
    }

    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, plain(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        if (value instanceof BigInteger integer) {
            return JsonValues.integral(integer);
        }
        if (value instanceof BigDecimal decimal) {
            return JsonValues.fractional(decimal);
        }
        return value;
    }
}
