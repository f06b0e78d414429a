package dev.handoffrail.core.error;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one error family of HandoffRail. Every failure the core reports to a caller is an instance carrying a
 * stable {@link ErrorCode}, a human-readable {@code detail} (the exception message), optionally the input
 * field at fault with all field errors, and extra members that the contract documents for the code
 * (for example {@code claimed_by} on {@code ALREADY_CLAIMED}). Immutable and therefore thread-safe.
 */
public class HandoffRailException extends RuntimeException {
    private final ErrorCode code;
    private final List<FieldError> errors;
    private final String field;
    private final Map<String, Object> extras;

    public HandoffRailException(ErrorCode code, String detail) {
        this(code, detail, null, List.of(), Map.of());
    }

    public HandoffRailException(ErrorCode code, String detail, Map<String, Object> extras) {
        this(code, detail, null, List.of(), extras);
    }

    public HandoffRailException(ErrorCode code, String detail, String field, List<FieldError> errors,
                                Map<String, Object> extras) {
        super(requireNonNull(detail, "detail"), null, false, false);
        this.code = requireNonNull(code, "code");
        this.field = field;
        this.errors = List.copyOf(errors);
        this.extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    public ErrorCode code() {
        return code;
    }

    /** The human-readable message, always a string. */
    public String detail() {
        return getMessage();
    }

    /** The input field at fault, or {@code null} when no single field is. */
    public String field() {
        return field;
    }

    /** Every field problem, in input order; empty when the error is not about input fields. */
    public List<FieldError> errors() {
        return errors;
    }

    /** Extra members of the error body, in a stable order; values are JSON-compatible. */
    public Map<String, Object> extras() {
        return extras;
    }
}
