package dev.handoffrail.client;

/** 403 `FORBIDDEN` (role too low, platform admin required) and `TIER_FEATURE_UNAVAILABLE`. */
public class PermissionDeniedException extends HandoffRailApiException {
    PermissionDeniedException(ErrorEnvelope envelope) {
        super(envelope);
    }
}
