package dev.handoffrail.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ErrorEnvelopeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_member_of_the_envelope_reaches_the_exception() throws Exception {
        JsonNode body = JSON.readTree("""
                {"detail": "metadata.target_agent: field is required", "code": "VALIDATION_ERROR",
                 "status_code": 400, "field": "metadata.target_agent", "request_id": "req-1",
                 "errors": [{"field": "metadata.target_agent", "message": "field is required"},
                            {"field": "metadata.priority", "message": "must be one of: low, normal"}]}""");

        HandoffRailApiException e = ErrorEnvelope.of(400, body, "header-id", null).toException();

        assertThat(e).isInstanceOf(InvalidRequestException.class);
        assertThat(e.code()).isEqualTo("VALIDATION_ERROR");
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.detail()).isEqualTo("metadata.target_agent: field is required");
        assertThat(e.field()).contains("metadata.target_agent");
        assertThat(e.requestId()).contains("req-1");
        assertThat(e.errors()).containsExactly(
                new HandoffRailApiException.FieldError("metadata.target_agent", "field is required"),
                new HandoffRailApiException.FieldError("metadata.priority", "must be one of: low, normal"));
        assertThat(e.getMessage()).isEqualTo("400 VALIDATION_ERROR: metadata.target_agent: field is required");
    }

    @Test
    void codes_pick_their_family() throws Exception {
        assertThat(exception(401, "KEY_REVOKED")).isInstanceOf(AuthenticationException.class);
        assertThat(exception(403, "FORBIDDEN")).isInstanceOf(PermissionDeniedException.class);
        assertThat(exception(403, "TIER_FEATURE_UNAVAILABLE")).isInstanceOf(PermissionDeniedException.class);
        assertThat(exception(403, "QUOTA_EXCEEDED")).isInstanceOf(QuotaExceededException.class);
        assertThat(exception(429, "DAILY_QUOTA_EXCEEDED")).isInstanceOf(QuotaExceededException.class);
        assertThat(exception(429, "RATE_LIMITED")).isInstanceOf(RateLimitedException.class);
        assertThat(exception(404, "NOT_FOUND")).isExactlyInstanceOf(NotFoundException.class);
        assertThat(exception(410, "GONE")).isInstanceOf(GoneException.class).isInstanceOf(NotFoundException.class);
        assertThat(exception(409, "ALREADY_CLAIMED")).isExactlyInstanceOf(ConflictException.class);
        assertThat(exception(409, "LEASE_LOST")).isInstanceOf(LeaseLostException.class)
                .isInstanceOf(ConflictException.class);
        assertThat(exception(413, "PAYLOAD_TOO_LARGE")).isInstanceOf(PayloadTooLargeException.class);
        assertThat(exception(415, "UNSUPPORTED_MEDIA_TYPE")).isInstanceOf(InvalidRequestException.class);
        assertThat(exception(503, "SERVICE_UNAVAILABLE")).isInstanceOf(ServerException.class);
        assertThat(exception(500, "SERVER_ERROR")).isInstanceOf(ServerException.class);
    }

    @Test
    void an_answer_without_the_envelope_gets_a_code_from_its_status() {
        HandoffRailApiException e = ErrorEnvelope.of(502, null, "req-9", Duration.ofSeconds(3)).toException();

        assertThat(e).isInstanceOf(ServerException.class);
        assertThat(e.code()).isEqualTo("SERVER_ERROR");
        assertThat(e.detail()).isEqualTo("HTTP 502");
        assertThat(e.requestId()).contains("req-9");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(e.member("anything").isNull()).isTrue();
    }

    @Test
    void extra_members_are_readable() throws Exception {
        JsonNode body = JSON.readTree("""
                {"detail": "Packet x is already claimed", "code": "ALREADY_CLAIMED", "status_code": 409,
                 "claimed_by": {"id": "billing-02"}, "request_id": "r"}""");

        HandoffRailApiException e = ErrorEnvelope.of(409, body, null, null).toException();

        assertThat(e.member("claimed_by").get("id").asText()).isEqualTo("billing-02");
    }

    private static HandoffRailApiException exception(int status, String code) throws Exception {
        JsonNode body = JSON.readTree("{\"detail\": \"d\", \"code\": \"" + code + "\", \"status_code\": " + status
                + ", \"request_id\": \"r\"}");
        return ErrorEnvelope.of(status, body, null, null).toException();
    }
}
