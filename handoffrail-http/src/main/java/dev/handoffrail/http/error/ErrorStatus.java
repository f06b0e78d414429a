package dev.handoffrail.http.error;

import dev.handoffrail.core.error.ErrorCode;

/** The HTTP status of every domain error code (http-api.md §4.2), in one exhaustive switch. */
public final class ErrorStatus {
    private ErrorStatus() {
    }

    public static int of(ErrorCode code) {
        return switch (code) {   // no default: a new code does not compile until it has a status
            case VALIDATION_ERROR, INVALID_CURSOR, INVALID_TRANSITION, NO_HITL_CHECKPOINT,
                    INVALID_HITL_RESPONSE, BATCH_TOO_LARGE, SCHEMA_NOT_FOUND, SCHEMA_VALIDATION_FAILED,
                    INVALID_SCHEMA, URL_NOT_ALLOWED -> 400;
            case UNAUTHORIZED, KEY_REVOKED, TENANT_DELETED -> 401;
            case FORBIDDEN, QUOTA_EXCEEDED, TIER_FEATURE_UNAVAILABLE -> 403;
            case NOT_FOUND -> 404;
            case ALREADY_CLAIMED, HITL_PENDING, NOT_AWAITING_HUMAN, PACKET_TERMINAL, ALREADY_EXPIRED, LEASE_LOST,
                    IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_USE, CONFLICT -> 409;
            case DUPLICATE -> 409;   // a batch item code only; were it ever thrown, a repeated id is a conflict
            case GONE -> 410;
            case PAYLOAD_TOO_LARGE -> 413;
            case RATE_LIMITED, DAILY_QUOTA_EXCEEDED -> 429;
            case SERVER_ERROR -> 500;
            case SERVICE_UNAVAILABLE -> 503;
        };
    }

    /** The HTTP status of a domain or transport error code, by its wire name. */
    public static int of(String wireCode) {
        for (TransportCode code : TransportCode.values()) {
            if (code.wireName().equals(wireCode)) {
                return code.status();
            }
        }
        return of(ErrorCode.valueOf(wireCode));
    }

    /**
     * The wire code for an error the web server raised itself, by its status (other 4xx: validation, 5xx:
     * server).
     */
    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> ErrorCode.VALIDATION_ERROR.wireName();
            case 401 -> ErrorCode.UNAUTHORIZED.wireName();
            case 403 -> ErrorCode.FORBIDDEN.wireName();
            case 404 -> ErrorCode.NOT_FOUND.wireName();
            case 405 -> TransportCode.METHOD_NOT_ALLOWED.wireName();
            case 409 -> ErrorCode.CONFLICT.wireName();
            case 410 -> ErrorCode.GONE.wireName();
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE.wireName();
            case 415 -> TransportCode.UNSUPPORTED_MEDIA_TYPE.wireName();
            case 429 -> ErrorCode.RATE_LIMITED.wireName();
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE.wireName();
            default -> (status >= 400 && status < 500 ? ErrorCode.VALIDATION_ERROR : ErrorCode.SERVER_ERROR)
                    .wireName();
        };
    }
}
