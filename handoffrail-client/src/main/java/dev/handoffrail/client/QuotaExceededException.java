package dev.handoffrail.client;

/** a tenant quota: 403 `QUOTA_EXCEEDED` (`member("quota")` says which) and 429 `DAILY_QUOTA_EXCEEDED` (retried only while its `Retry-After` fits the retry policy). */
public class QuotaExceededException extends HandoffRailApiException {
    QuotaExceededException(ErrorEnvelope envelope) {
        super(envelope);
    }
}
