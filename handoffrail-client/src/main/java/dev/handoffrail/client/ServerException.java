package dev.handoffrail.client;

/** 5xx: `SERVER_ERROR` or `SERVICE_UNAVAILABLE` (503 is retried first for idempotent calls). */
public class ServerException extends HandoffRailApiException {
    ServerException(ErrorEnvelope envelope) {
        super(envelope);
    }
}
