package dev.handoffrail.core.error;

/**
 * The stable, machine-readable error codes of the v1 contract (http-api.md §4.2) that the domain raises. The wire
 * name is the enum constant's name. Adapters map each code to a transport status in one exhaustive switch; codes
 * only a transport can produce (malformed JSON, method not allowed, unsupported media type) are the adapter's.
 */
public enum ErrorCode {
    VALIDATION_ERROR,
    INVALID_CURSOR,
    INVALID_TRANSITION,
    NO_HITL_CHECKPOINT,
    INVALID_HITL_RESPONSE,
    BATCH_TOO_LARGE,
    SCHEMA_NOT_FOUND,
    SCHEMA_VALIDATION_FAILED,
    INVALID_SCHEMA,
    URL_NOT_ALLOWED,
    UNAUTHORIZED,
    KEY_REVOKED,
    TENANT_DELETED,
    FORBIDDEN,
    QUOTA_EXCEEDED,
    TIER_FEATURE_UNAVAILABLE,
    NOT_FOUND,
    ALREADY_CLAIMED,
    HITL_PENDING,
    NOT_AWAITING_HUMAN,
    PACKET_TERMINAL,
    ALREADY_EXPIRED,
    /** The claim lease named by the request's token is no longer held (expired, released, or another's). */
    LEASE_LOST,
    IDEMPOTENCY_KEY_REUSED,
    IDEMPOTENCY_KEY_IN_USE,
    CONFLICT,
    GONE,
    PAYLOAD_TOO_LARGE,
    RATE_LIMITED,
    DAILY_QUOTA_EXCEEDED,
    SERVER_ERROR,
    SERVICE_UNAVAILABLE,
    /** Only as a batch item code: the same packet id appears again in one batch request (http-api.md §9.12). */
    DUPLICATE;

    /** The code as it appears in the {@code code} member of an error body. */
    public String wireName() {
        return name();
    }
}
