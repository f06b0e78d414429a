package dev.handoffrail.http.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.error.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorBodyTest {

    @Test
    void every_code_has_a_status_matching_the_catalogue() {
        Map<ErrorCode, Integer> expected = new LinkedHashMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            expected.put(code, ErrorStatus.of(code));
        }

        assertThat(expected).containsEntry(ErrorCode.VALIDATION_ERROR, 400)
                .containsEntry(ErrorCode.URL_NOT_ALLOWED, 400)
                .containsEntry(ErrorCode.KEY_REVOKED, 401).containsEntry(ErrorCode.TIER_FEATURE_UNAVAILABLE, 403)
                .containsEntry(ErrorCode.IDEMPOTENCY_KEY_IN_USE, 409)
                .containsEntry(ErrorCode.GONE, 410).containsEntry(ErrorCode.PAYLOAD_TOO_LARGE, 413)
                .containsEntry(ErrorCode.DAILY_QUOTA_EXCEEDED, 429).containsEntry(ErrorCode.SERVER_ERROR, 500)
                .containsEntry(ErrorCode.SERVICE_UNAVAILABLE, 503);
    }

    @Test
    void the_transport_codes_have_their_catalogue_status_and_the_same_envelope() {
        assertThat(TransportCode.MALFORMED_JSON.status()).isEqualTo(400);
        assertThat(TransportCode.METHOD_NOT_ALLOWED.status()).isEqualTo(405);
        assertThat(TransportCode.UNSUPPORTED_MEDIA_TYPE.status()).isEqualTo(415);
        assertThat(ErrorStatus.of("UNSUPPORTED_MEDIA_TYPE")).isEqualTo(415);
        assertThat(ErrorStatus.of("GONE")).isEqualTo(410);

        ErrorBody body = ErrorBody.of(new TransportException(TransportCode.MALFORMED_JSON, "Request body is empty"),
                "req-0");

        assertThat(body.status()).isEqualTo(400);
        assertThat(body.json()).containsExactly(Map.entry("detail", "Request body is empty"),
                Map.entry("code", "MALFORMED_JSON"), Map.entry("status_code", 400), Map.entry("request_id", "req-0"));
        assertThat(body.headers()).isEmpty();
    }

    @Test
    void a_validation_error_carries_field_and_every_problem_in_order() {
        ValidationException e = new ValidationException(List.of(
                new FieldError("metadata.target_agent", "field is required"),
                new FieldError("metadata.priority", "must be one of: low, normal, high, critical")));

        ErrorBody body = ErrorBody.of(e, "req-1");

        assertThat(body.status()).isEqualTo(400);
        assertThat(body.json().keySet()).containsExactly("detail", "code", "status_code", "field", "errors",
                "request_id");
        assertThat(body.json()).containsEntry("detail", "metadata.target_agent: field is required")
                .containsEntry("field", "metadata.target_agent").containsEntry("request_id", "req-1");
        assertThat(body.json().get("errors")).isEqualTo(List.of(
                Map.of("field", "metadata.target_agent", "message", "field is required"),
                Map.of("field", "metadata.priority", "message", "must be one of: low, normal, high, critical")));
    }

    @Test
    void extras_follow_the_standard_members_and_cannot_replace_them() {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("claimed_by", Map.of("id", "billing-02"));
        extras.put("code", "SPOOFED");
        HandoffRailException e = new HandoffRailException(ErrorCode.ALREADY_CLAIMED, "Packet x is already claimed",
                extras);

        ErrorBody body = ErrorBody.of(e, "req-2");

        assertThat(body.json().keySet()).containsExactly("detail", "code", "status_code", "claimed_by", "request_id");
        assertThat(body.json()).containsEntry("code", "ALREADY_CLAIMED").containsEntry("status_code", 409);
        assertThat(body.headers()).isEmpty();
    }

    @Test
    void a_retry_after_extra_becomes_the_retry_after_header() {
        HandoffRailException e = new HandoffRailException(ErrorCode.DAILY_QUOTA_EXCEEDED, "Daily quota exceeded",
                Map.of("retry_after", 3600L, "limit", 5L));

        assertThat(ErrorBody.of(e, "r").headers()).isEqualTo(Map.of("Retry-After", "3600"));
    }
}
