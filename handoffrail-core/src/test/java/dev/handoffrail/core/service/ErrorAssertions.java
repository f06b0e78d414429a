package dev.handoffrail.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.HandoffRailException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the error family: exact code and detail, or exactly one field problem. */
final class ErrorAssertions {
    private ErrorAssertions() {
    }

    static void assertError(ThrowingCallable call, ErrorCode code, String detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HandoffRailException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.detail()).isEqualTo(detail);
        });
    }

    static void assertFieldError(ThrowingCallable call, String field, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HandoffRailException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
            assertThat(e.errors()).containsExactly(new FieldError(field, message));
        });
    }
}
