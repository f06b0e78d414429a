package dev.handoffrail.core.packet;

import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Typed reads of fields from parsed JSON objects, collecting one {@link FieldError} per problem instead of
 * stopping at the first. Absent and {@code null} fields both read as "not provided". One instance per parse;
 * not thread-safe.
 */
final class InputReader {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final List<FieldError> errors = new ArrayList<>();

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    List<FieldError> errors() {
        return errors;
    }

    void fail(String path, String message) {
        errors.add(new FieldError(path, message));
    }

    /** Errors recorded so far, to tell later whether a part read cleanly. */
    int mark() {
        return errors.size();
    }

    boolean cleanSince(int mark) {
        return errors.size() == mark;
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /** The value of {@code key}, absent or null alike; reports {@code field is required} when it must be there. */
    Object value(Map<?, ?> object, String key, String path, boolean required) {
        Object value = object.get(key);
        if (value == null && required) {
            fail(path, FieldMessages.REQUIRED);
        }
        return value;
    }

    String string(Map<?, ?> object, String key, String path, boolean required) {
        Object value = value(object, key, path, required);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        fail(path, FieldMessages.STRING);
        return null;
    }

    /** A string checked by {@code rule} (only when it is one). */
    String string(Map<?, ?> object, String key, String path, boolean required, PacketRules.Text rule) {
        String value = string(object, key, path, required);
        rule.check(errors, path, value);
        return value;
    }

    /** The boolean sent, {@code fallback} when none was, or null (reported) when it is not a boolean. */
    Boolean bool(Map<?, ?> object, String key, String path, boolean fallback) {
        Object value = object.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        fail(path, FieldMessages.BOOLEAN);
        return null;
    }

    /** An integral JSON number (any {@link Number} type, {@code 3.0} included), clamped to the long range. */
    Long integer(Map<?, ?> object, String key, String path) {
        Object value = object.get(key);
        if (value == null) {
            return null;
        }
        Long integral = integral(value);
        if (integral == null) {
            fail(path, FieldMessages.INTEGER);
        }
        return integral;
    }

    private static Long integral(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.max(LONG_MIN).min(LONG_MAX).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) && d == Math.rint(d) ? clamp(BigDecimal.valueOf(d)) : null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0 ? clamp(decimal) : null;
        }
        if (value instanceof Number number) {
            return integral(new BigDecimal(number.toString()));
        }
        return null;
    }

    private static long clamp(BigDecimal decimal) {
        if (decimal.compareTo(new BigDecimal(LONG_MAX)) > 0) {
            return Long.MAX_VALUE;
        }
        if (decimal.compareTo(new BigDecimal(LONG_MIN)) < 0) {
            return Long.MIN_VALUE;
        }
        return decimal.longValueExact();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(Map<?, ?> object, String key, String path, boolean required) {
        Object value = value(object, key, path, required);
        if (value == null || value instanceof Map) {
            return (Map<String, Object>) value;
        }
        fail(path, FieldMessages.OBJECT);
        return null;
    }

    List<?> array(Map<?, ?> object, String key, String path) {
        Object value = object.get(key);
        if (value == null || value instanceof List) {
            return (List<?>) value;
        }
        fail(path, FieldMessages.ARRAY);
        return null;
    }

    /** An array of strings, with the list and each item checked by the given rules (either may be null). */
    List<String> strings(Map<?, ?> object, String key, String path, PacketRules.Count count,
                         PacketRules.Text item) {
        List<?> raw = array(object, key, path);
        if (raw == null) {
            return null;
        }
        if (count != null) {
            count.check(errors, path, raw.size());
        }
        List<String> result = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String itemPath = path + "[" + i + "]";
            if (raw.get(i) instanceof String s) {
                if (item != null) {
                    item.check(errors, itemPath, s);
                }
                result.add(s);
            } else {
                fail(itemPath, FieldMessages.STRING);
            }
        }
        return Collections.unmodifiableList(result);
    }

    /** An array of objects, each read by {@code item} (given the object and its path). */
    <T> List<T> objects(Map<?, ?> object, String key, String path, BiFunction<Map<String, Object>, String, T> item) {
        List<?> raw = array(object, key, path);
        if (raw == null) {
            return null;
        }
        List<T> result = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String itemPath = path + "[" + i + "]";
            if (raw.get(i) instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> entry = (Map<String, Object>) map;
                result.add(item.apply(entry, itemPath));
            } else {
                fail(itemPath, FieldMessages.OBJECT);
            }
        }
        return result;
    }

    /** One of the enum's wire names; anything else reports every wire name in declaration order. */
    <E extends Enum<E>> E choice(Map<?, ?> object, String key, String path, boolean required, E[] values,
                                 Function<E, String> wireName) {
        Object value = value(object, key, path, required);
        if (value == null) {
            return null;
        }
        for (E candidate : values) {
            if (wireName.apply(candidate).equals(value)) {
                return candidate;
            }
        }
        fail(path, FieldMessages.oneOf(Arrays.stream(values).map(wireName).toList()));
        return null;
    }

    UUID uuid(Map<?, ?> object, String key, String path) {
        Object value = object.get(key);
        if (value == null) {
            return null;
        }
        UUID uuid = value instanceof String s ? Uuids.parseCanonical(s).orElse(null) : null;
        if (uuid == null) {
            fail(path, FieldMessages.UUID);
        }
        return uuid;
    }

    /** An optional RFC 3339 timestamp, returned exactly as sent. */
    String timestamp(Map<?, ?> object, String key, String path) {
        Object value = object.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            PacketRules.timestamp(errors, path, s);
            return s;
        }
        fail(path, FieldMessages.TIMESTAMP);
        return null;
    }
}
