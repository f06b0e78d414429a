package dev.handoffrail.http.route;

import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.ValidationException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of a request's JSON object for the bodies that have no core parser (claim, respond, batch,
 * schemas, hooks, keys, tenants). Absent and {@code null} both read as {@code null} ("not provided", §1.3); a
 * value of the wrong type is recorded as a field error and reads as {@code null}. Call {@link #throwIfAny()} once
 * everything is read: all problems then leave together as one {@code 400 VALIDATION_ERROR}. Not thread-safe.
 */
public final class JsonFields {
    public static final String REQUIRED = "field is required";

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

    public String string(String name) {
        return typed(name, String.class, "must be a string");
    }

    /** A string that must be present; records {@code field is required} when it is not. */
    public String requiredString(String name) {
        requirePresent(name);
        return string(name);
    }

    public Boolean bool(String name) {
        return typed(name, Boolean.class, "must be a boolean");
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
            error(name, "must be at most " + Integer.MAX_VALUE);
            return null;
        }
        error(name, "must be an integer");
        return null;
    }

    public Map<String, Object> object(String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> object = typed(name, Map.class, "must be an object");
        return object;
    }

    /** The members of a nested object, read with the same error list and a dotted path. */
    public JsonFields nested(String name) {
        Map<String, Object> object = object(name);
        return new JsonFields(object == null ? Map.of() : object, path(name) + ".", errors);
    }

    public List<Object> array(String name) {
        @SuppressWarnings("unchecked")
        List<Object> array = typed(name, List.class, "must be an array");
        return array;
    }

    /** An array of strings; each non-string item is recorded as {@code name[i]: must be a string}. */
    public List<String> strings(String name) {
        List<Object> array = array(name);
        if (array == null) {
            return null;
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) instanceof String s) {
                strings.add(s);
            } else {
                errors.add(new FieldError(path(name) + "[" + i + "]", "must be a string"));
            }
        }
        return Collections.unmodifiableList(strings);
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
            error(name, "must not be empty");
        } else if (value.length() > max && value.codePointCount(0, value.length()) > max) {
            error(name, "must be at most " + max + " characters");
        } else if (value.codePointCount(0, value.length()) < min) {
            error(name, "must be at least " + min + " characters");
        }
        return value;
    }

    /** Records {@code field is required} unless the member is present and not null. */
    public void requirePresent(String name) {
        if (!has(name)) {
            error(name, REQUIRED);
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
}
