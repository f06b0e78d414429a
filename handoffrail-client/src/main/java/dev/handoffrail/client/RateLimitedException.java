package dev.handoffrail.client;

/** 429 `RATE_LIMITED`, when the retries allowed by the retry policy did not get through: `member("window")` says which window. */
public class RateLimitedException extends HandoffRailApiException {
    RateLimitedException(ErrorEnvelope envelope) {
        super(envelope);
    }
}
