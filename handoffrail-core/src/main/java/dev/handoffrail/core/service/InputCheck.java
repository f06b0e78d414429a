package dev.handoffrail.core.service;

import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.packet.FieldMessages;
import dev.handoffrail.core.packet.StorableText;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every field problem of one administrative request, then fails with all of them at once
 * ({@code 400 VALIDATION_ERROR}), in the order the fields were checked.
 */
final class InputCheck {
    private final List<FieldError> errors = new ArrayList<>();

    /** A required string of {@code 1..max} characters (code points). */
    InputCheck text(String field, String value, int max) {
        return text(field, value, 1, max);
    }

    /** A required string of {@code min..max} characters (code points). */
    InputCheck text(String field, String value, int min, int max) {
        if (value == null) {
            return fail(field, FieldMessages.REQUIRED);
        }
        int length = value.codePointCount(0, value.length());
        if (length == 0 && min > 0) {
            return fail(field, FieldMessages.NOT_EMPTY);
        }
        if (!StorableText.isStorable(value)) {
            return fail(field, StorableText.MESSAGE);
        }
        if (length < min) {
            return fail(field, "must be at least " + min + " characters");
        }
        return length > max ? fail(field, FieldMessages.atMostCharacters(max)) : this;
    }

    /** An optional integer of at least {@code min}. */
    InputCheck atLeast(String field, Integer value, long min) {
        return value == null || value >= min ? this : fail(field, FieldMessages.atLeast(min));
    }

    /** Every string and key of a JSON value {@code json} must be {@link StorableText storable}. */
    InputCheck storable(String field, Object json) {
        StorableText.checkDeep(errors, field, json);
        return this;
    }

    InputCheck fail(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    void orThrow() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
