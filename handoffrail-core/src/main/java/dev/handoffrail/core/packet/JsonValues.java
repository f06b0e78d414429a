package dev.handoffrail.core.packet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free-form JSON held as plain Java values: {@code Map<String,Object>} (insertion-ordered), {@code List<Object>},
 * {@code String}, {@code Number}, {@code Boolean} and {@code null}. Copies are deep and unmodifiable so a
 * packet can never be changed through a value a caller kept. Adapters that read JSON text hold its numbers in the
 * canonical forms of {@link #integral} and {@link #fractional}, so that a value reads back equal wherever it was
 * read. Stateless.
 */
public final class JsonValues {
    private JsonValues() {
    }

    public static Map<String, Object> immutableObject(Map<String, ?> map) {
        if (map == null) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, immutable(v)));
        return Collections.unmodifiableMap(copy);
    }

    public static Object immutable(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), immutable(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(immutable(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** A JSON integer as held in free-form values: {@code Long} when it fits, else {@code BigInteger}. */
    public static Number integral(BigInteger value) {
        return value.bitLength() < 64 ? (Number) value.longValue() : value;
    }

    /**
     * A JSON number with a fraction or exponent as held in free-form values: {@code Double} when that keeps every
     * digit, else the exact {@code BigDecimal}.
     */
    public static Number fractional(BigDecimal exact) {
        double approximate = exact.doubleValue();
        if (Double.isInfinite(approximate) || exact.compareTo(new BigDecimal(Double.toString(approximate))) != 0) {
            return exact;
        }
        return approximate;
    }
}
