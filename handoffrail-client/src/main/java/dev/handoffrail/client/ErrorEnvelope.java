package dev.handoffrail.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The parsed members of an error answer, and the one place that picks the exception class for a code. */
record ErrorEnvelope(String code, int statusCode, String detail, String field, String requestId,
                     List<HandoffRailApiException.FieldError> errors, Duration retryAfter, JsonNode body) {
    static final String TRANSPORT_ERROR = "TRANSPORT_ERROR";

    static ErrorEnvelope transport(String detail) {
        return new ErrorEnvelope(TRANSPORT_ERROR, 0, detail, null, null, List.of(), null, null);
    }

    /**
     * The envelope of an answer with status {@code status}; {@code body} may be null or not the contract's
     * envelope (a proxy's page), then the code is derived from the status.
     */
    static ErrorEnvelope of(int status, JsonNode body, String requestIdHeader, Duration retryAfter) {
        JsonNode envelope = body != null && body.isObject() ? body : null;
        String code = text(envelope, "code");
        String detail = text(envelope, "detail");
        String requestId = text(envelope, "request_id");
        List<HandoffRailApiException.FieldError> errors = new ArrayList<>();
        if (envelope != null && envelope.path("errors").isArray()) {
            for (JsonNode error : envelope.get("errors")) {
                errors.add(new HandoffRailApiException.FieldError(text(error, "field"), text(error, "message")));
            }
        }
        return new ErrorEnvelope(code == null ? codeOf(status) : code, status,
                detail == null ? "HTTP " + status : detail, text(envelope, "field"),
                requestId == null ? requestIdHeader : requestId, List.copyOf(errors), retryAfter, envelope);
    }

    HandoffRailApiException toException() {
        if (statusCode == 0) {
            return new HandoffRailTransportException(detail, null);
        }
        switch (code) {
            case "QUOTA_EXCEEDED", "DAILY_QUOTA_EXCEEDED":
                return new QuotaExceededException(this);
            case "RATE_LIMITED":
                return new RateLimitedException(this);
            case "GONE":
                return new GoneException(this);
            case "LEASE_LOST":
                return new LeaseLostException(this);
            default:
                break;
        }
        if (statusCode >= 500) {
            return new ServerException(this);
        }
        return switch (statusCode) {
            case 400, 405, 415 -> new InvalidRequestException(this);
            case 401 -> new AuthenticationException(this);
            case 403 -> new PermissionDeniedException(this);
            case 404 -> new NotFoundException(this);
            case 409 -> new ConflictException(this);
            case 410 -> new GoneException(this);
            case 413 -> new PayloadTooLargeException(this);
            case 429 -> new RateLimitedException(this);
            default -> new HandoffRailApiException(this);
        };
    }

    private static String codeOf(int status) {
        return switch (status) {
            case 400 -> "VALIDATION_ERROR";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 409 -> "CONFLICT";
            case 410 -> "GONE";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> "RATE_LIMITED";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status >= 500 ? "SERVER_ERROR" : "HTTP_" + status;
        };
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node == null ? null : node.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }
}
