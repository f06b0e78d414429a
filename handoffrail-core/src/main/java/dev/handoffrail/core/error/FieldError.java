package dev.handoffrail.core.error;

import static java.util.Objects.requireNonNull;

/**
 * One problem with one input field. {@code field} is a dotted path with {@code [i]} for array indexes,
 * e.g. {@code context.conversation_state[0].role}.
 */
public record FieldError(String field, String message) {
    public FieldError {
        requireNonNull(field, "field");
        requireNonNull(message, "message");
    }

    /** {@code "<field>: <message>"}, the form used in {@code detail} strings and batch item errors. */
    public String describe() {
        return field + ": " + message;
    }
}
