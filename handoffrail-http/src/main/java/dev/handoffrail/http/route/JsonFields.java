package dev.handoffrail.http.route;

import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.packet.FieldMessages;
import dev.handoffrail.core.packet.PacketRules;
import dev.handoffrail.core.packet.Uuids;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Typed reads of one JSON object of a request body, the only place the HTTP adapter turns JSON shapes into values.
 * Absent and {@code null} both read as {@code null} ("not provided", §1.3); a value of the wrong type is recorded
 * as a field error (worded by the core's {@link FieldMessages}) and reads as {@code null}. Nested objects and
 * array items are read by {@link #nested} and {@link #objects} with the same error list and their dotted path
 * ({@code context.artifacts[0].key}). Call {@link #throwIfAny()} once everything is read: all problems then leave
 * together, in the order found, as one {@code 400 VALIDATION_ERROR}. Not thread-safe.
 */
public final class JsonFields {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final Map<String, Object> body;
    private final String prefix;
    private final List<FieldError> errors;

    public JsonFields(Map<String, Object> body) {
        this(body, "", new ArrayList<>());
    }

    private JsonFields(Map<String, Object> body, String prefix, List<FieldError> errors) {
        this.body = body;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** Whether the member is present with a non-null value. */
    public boolean has(String name) {
        return body.get(name) != null;
    }

    /** Whether the member is present at all, even as {@code null}. */
    public boolean sent(String name) {
        return body.containsKey(name);
    }

    /** The member as sent, whatever its type; records {@code field is required} when it must be there and is not. */
    public Object value(String name, boolean required) {
        if (required) {
            requirePresent(name);
        }
        return body.get(name);
    }

    public String string(String name) {
        return typed(name, String.class, FieldMessages.STRING);
    }

    /** A string that must be present; records {@code field is required} when it is not. */
    public String requiredString(String name) {
        requirePresent(name);
        return string(name);
    }

    /** A string, required or not, that must also satisfy the core's {@code rule} when it is one. */
    public String string(String name, boolean required, PacketRules.Text rule) {
        String value = required ? requiredString(name) : string(name);
        rule.check(errors, path(name), value);
        return value;
    }

    public Boolean bool(String name) {
        return typed(name, Boolean.class, FieldMessages.BOOLEAN);
    }

    /** An integral number (2 and 2.0 alike) within the int range. */
    public Integer integer(String name) {
        Object value = body.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Long || value instanceof Integer) {
            long number = ((Number) value).longValue();
            if (number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) {
                return (int) number;
            }
        } else if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
            return d.intValue();
        } else if (value instanceof BigInteger) {
            error(name, FieldMessages.atMost(Integer.MAX_VALUE));
            return null;
        }
        error(name, FieldMessages.INTEGER);
        return null;
    }

    /** An integral number of any size ({@code 3.0} included), clamped to the long range for the core's checks. */
    public Long wholeNumber(String name) {
        Object value = body.get(name);
        if (value == null) {
            return null;
        }
        Long integral = integral(value);
        if (integral == null) {
            error(name, FieldMessages.INTEGER);
        }
        return integral;
    }

    public Map<String, Object> object(String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> object = typed(name, Map.class, FieldMessages.OBJECT);
        return object;
    }

    /** The members of a nested object, read with the same error list and a dotted path. */
    public JsonFields nested(String name) {
        Map<String, Object> object = object(name);
        return new JsonFields(object == null ? Map.of() : object, path(name) + ".", errors);
    }

    /** The nested object's fields, or null when it is absent or not an object (recorded); see {@link #nested}. */
    public JsonFields nestedOrNull(String name, boolean required) {
        if (required) {
            requirePresent(name);
        }
        Map<String, Object> object = object(name);
        return object == null ? null : new JsonFields(object, path(name) + ".", errors);
    }

    public List<Object> array(String name) {
        @SuppressWarnings("unchecked")
        List<Object> array = typed(name, List.class, FieldMessages.ARRAY);
        return array;
    }

    /** An array of strings; each non-string item is recorded as {@code name[i]: must be a string}. */
    public List<String> strings(String name) {
        return strings(name, null, null);
    }

    /** An array of strings whose size and items must also satisfy the core's rules (either may be null). */
    public List<String> strings(String name, PacketRules.Count count, PacketRules.Text item) {
        List<Object> array = array(name);
        if (array == null) {
            return null;
        }
        if (count != null) {
            count.check(errors, path(name), array.size());
        }
        List<String> strings = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String itemPath = path(name) + "[" + i + "]";
            if (array.get(i) instanceof String s) {
                if (item != null) {
                    item.check(errors, itemPath, s);
                }
                strings.add(s);
            } else {
                errors.add(new FieldError(itemPath, FieldMessages.STRING));
            }
        }
        return Collections.unmodifiableList(strings);
    }

    /** An array of objects, each read by {@code item} from its own fields ({@code name[i].}). */
    public <T> List<T> objects(String name, Function<JsonFields, T> item) {
        List<Object> array = array(name);
        if (array == null) {
            return null;
        }
        List<T> result = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String itemPath = path(name) + "[" + i + "]";
            if (array.get(i) instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> entry = (Map<String, Object>) map;
                result.add(item.apply(new JsonFields(entry, itemPath + ".", errors)));
            } else {
                errors.add(new FieldError(itemPath, FieldMessages.OBJECT));
            }
        }
        return result;
    }

    /** One of the enum's wire names; anything else records every wire name in declaration order. */
    public <E extends Enum<E>> E choice(String name, boolean required, E[] values, Function<E, String> wireName) {
        Object value = value(name, required);
        if (value == null) {
            return null;
        }
        for (E candidate : values) {
            if (wireName.apply(candidate).equals(value)) {
                return candidate;
            }
        }
        error(name, FieldMessages.oneOf(Arrays.stream(values).map(wireName).toList()));
        return null;
    }

    public UUID uuid(String name) {
        Object value = body.get(name);
        if (value == null) {
            return null;
        }
        UUID uuid = value instanceof String s ? Uuids.parseCanonical(s).orElse(null) : null;
        if (uuid == null) {
            error(name, FieldMessages.UUID);
        }
        return uuid;
    }

    /** An optional RFC 3339 timestamp, returned exactly as sent. */
    public String timestamp(String name) {
        Object value = body.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            PacketRules.timestamp(errors, path(name), s);
            return s;
        }
        error(name, FieldMessages.TIMESTAMP);
        return null;
    }

    /**
     * A string of {@code min}–{@code max} characters (code points): an empty one is {@code must not be empty} when
     * {@code min} is positive, a longer one {@code must be at most <max> characters}. Absent reads as null.
     */
    public String text(String name, int min, int max) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        if (min > 0 && value.isEmpty()) {
            error(name, FieldMessages.NOT_EMPTY);
        } else if (value.length() > max && value.codePointCount(0, value.length()) > max) {
            error(name, FieldMessages.atMostCharacters(max));
        } else if (value.codePointCount(0, value.length()) < min) {
            error(name, FieldMessages.atLeastCharacters(min));
        }
        return value;
    }

    /** Records {@code field is required} unless the member is present and not null. */
    public void requirePresent(String name) {
        if (!has(name)) {
            error(name, FieldMessages.REQUIRED);
        }
    }

    /** Records a problem with a member of this object. */
    public void error(String name, String message) {
        errors.add(new FieldError(path(name), message));
    }

    /** Records problems found by a core rule (their fields are already full paths). */
    public void addAll(List<FieldError> found) {
        errors.addAll(found);
    }

    /** The live error list, for the core's checks that append to one ({@code PacketRules}). */
    public List<FieldError> errors() {
        return errors;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** How many problems are recorded so far (to tell whether a group of reads came out clean). */
    public int errorCount() {
        return errors.size();
    }

    /** Throws every recorded problem as one {@code 400 VALIDATION_ERROR}; does nothing when there is none. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ValidationException(List.copyOf(errors));
        }
    }

    /** The dotted path of a member, as error {@code field}s name it. */
    public String path(String name) {
        return prefix + name;
    }

    private <T> T typed(String name, Class<T> type, String message) {
        Object value = body.get(name);
        if (value == null) {
            return null;
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        error(name, message);
        return null;
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
}
