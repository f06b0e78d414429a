package dev.handoffrail.client;

/** 400: the request is wrong (`VALIDATION_ERROR`, `MALFORMED_JSON`, `INVALID_CURSOR`, `INVALID_TRANSITION`, `NO_HITL_CHECKPOINT`, `INVALID_HITL_RESPONSE`, `BATCH_TOO_LARGE`, `SCHEMA_NOT_FOUND`, `SCHEMA_VALIDATION_FAILED`, `INVALID_SCHEMA`, `URL_NOT_ALLOWED`), or 405 and 415. */
public class InvalidRequestException extends HandoffRailApiException {
    InvalidRequestException(ErrorEnvelope envelope) {
        super(envelope);
    }
}
