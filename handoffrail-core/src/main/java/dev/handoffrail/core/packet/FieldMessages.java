package dev.handoffrail.core.packet;

import java.util.List;

/**
 * The exact wording of input validation messages (http-api.md §4.3), shared by every parser and rule so that
 * the same problem is always described the same way. Stateless.
 */
public final class FieldMessages {
    public static final String REQUIRED = "field is required";
    public static final String STRING = "must be a string";
    public static final String OBJECT = "must be an object";
    public static final String ARRAY = "must be an array";
    public static final String BOOLEAN = "must be a boolean";
    public static final String INTEGER = "must be an integer";
    public static final String NOT_EMPTY = "must not be empty";
    public static final String TIMESTAMP = "must be an RFC 3339 timestamp";
    public static final String UUID = "must be a valid UUID";
    public static final String ARTIFACT_VALUE = "must be a string, object or array";
    public static final String REASON_WHEN_REQUIRED = "must be non-empty when required is true";

    private FieldMessages() {
    }

    public static String atMostCharacters(int max) {
        return "must be at most " + max + " characters";
    }

    public static String atLeastCharacters(int min) {
        return "must be at least " + min + " characters";
    }

    public static String atMostItems(int max) {
        return "must have at most " + max + " items";
    }

    public static String atLeast(long min) {
        return "must be at least " + min;
    }

    public static String atMost(long max) {
        return "must be at most " + max;
    }

    /** {@code must be one of: low, normal, high, critical}: the wire values in declaration order. */
    public static String oneOf(List<String> wireValues) {
        return "must be one of: " + String.join(", ", wireValues);
    }

    public static String duplicateId(String id) {
        return "duplicate id: " + id;
    }
}
