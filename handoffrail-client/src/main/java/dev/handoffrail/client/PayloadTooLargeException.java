package dev.handoffrail.client;

/** 413 `PAYLOAD_TOO_LARGE`: `member("limit_bytes")` is the tier's limit. */
public class PayloadTooLargeException extends HandoffRailApiException {
    PayloadTooLargeException(ErrorEnvelope envelope) {
        super(envelope);
    }
}
