package dev.handoffrail.core.error;

import java.util.List;
import java.util.Map;

/** Input fails validation: {@code 400 VALIDATION_ERROR} with every field problem found. */
public final class ValidationException extends HandoffRailException {

    public ValidationException(List<FieldError> errors) {
        super(ErrorCode.VALIDATION_ERROR, detailOf(errors), errors.get(0).field(), errors, Map.of());
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(List.of(new FieldError(field, message)));
    }

    private static String detailOf(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation error needs at least one field error");
        }
        return errors.get(0).describe();
    }
}
