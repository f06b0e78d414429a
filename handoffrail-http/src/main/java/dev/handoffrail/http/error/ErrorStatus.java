package dev.handoffrail.http.error;

import dev.handoffrail.core.error.ErrorCode;

/** The HTTP status of every error code (http-api.md §4.2), in one exhaustive switch. */
public final class ErrorStatus {
    private ErrorStatus() {
    }

    public static int of(ErrorCode code) {
        return switch (code) {   // no default: a new code does not compile until it has a status
            case VALIDATION_ERROR, MALFORMED_JSON, INVALID_CURSOR, INVALID_TRANSITION, NO_HITL_CHECKPOINT,
                    INVALID_HITL_RESPONSE, BATCH_TOO_LARGE, SCHEMA_NOT_FOUND, SCHEMA_VALIDATION_FAILED,
                    INVALID_SCHEMA, URL_NOT_ALLOWED -> 400;
            case UNAUTHORIZED, KEY_REVOKED, TENANT_DELETED -> 401;
            case FORBIDDEN, QUOTA_EXCEEDED, TIER_FEATURE_UNAVAILABLE -> 403;
            case NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case ALREADY_CLAIMED, HITL_PENDING, NOT_AWAITING_HUMAN, PACKET_TERMINAL, ALREADY_EXPIRED,
                    IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_USE, CONFLICT -> 409;
            case DUPLICATE -> 409;   // a batch item code only; were it ever thrown, a repeated id is a conflict
            case GONE -> 410;
            case PAYLOAD_TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case RATE_LIMITED, DAILY_QUOTA_EXCEEDED -> 429;
            case SERVER_ERROR -> 500;
            case SERVICE_UNAVAILABLE -> 503;
        };
    }

    /** The code for an error the web server raised itself, by its status (other 4xx: validation, 5xx: server). */
    public static ErrorCode codeFor(int status) {
        return switch (status) {
            case 400 -> ErrorCode.VALIDATION_ERROR;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 409 -> ErrorCode.CONFLICT;
            case 410 -> ErrorCode.GONE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status >= 400 && status < 500 ? ErrorCode.VALIDATION_ERROR : ErrorCode.SERVER_ERROR;
        };
    }
}
