package dev.handoffrail.core.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Factories for the errors whose wording the contract fixes. Keeping every exact {@code detail} string in
 * one place means a wording change is one edit, and tests can assert against the same text.
 */
public final class Errors {
    private Errors() {
    }

    public static HandoffRailException notFound(String detail) {
        return new HandoffRailException(ErrorCode.NOT_FOUND, detail);
    }

    public static HandoffRailException packetNotFound(Object packetId) {
        return notFound("Packet " + packetId + " not found");
    }

    public static HandoffRailException forbiddenRole(String requiredRole, String currentRole) {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("required_role", requiredRole);
        extras.put("current_role", currentRole);
        return new HandoffRailException(ErrorCode.FORBIDDEN, "Insufficient permissions. Required role: "
                + requiredRole + ", current role: " + currentRole, extras);
    }

    public static HandoffRailException platformAdminRequired() {
        return new HandoffRailException(ErrorCode.FORBIDDEN, "Platform admin required");
    }

    public static HandoffRailException conflict(String detail) {
        return new HandoffRailException(ErrorCode.CONFLICT, detail);
    }

    public static HandoffRailException gone(Object packetId) {
        return new HandoffRailException(ErrorCode.GONE, "Packet " + packetId + " has expired");
    }

    public static HandoffRailException quotaExceeded(String quota, long limit, String tier) {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("quota", quota);
        extras.put("limit", limit);
        extras.put("tier", tier);
        return new HandoffRailException(ErrorCode.QUOTA_EXCEEDED,
                "Quota exceeded: " + quota + " (limit " + limit + " for " + tier + " tier)", extras);
    }

    public static HandoffRailException payloadTooLarge(long actualBytes, long limitBytes, String tier) {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("tier", tier);
        extras.put("limit_bytes", limitBytes);
        return new HandoffRailException(ErrorCode.PAYLOAD_TOO_LARGE, "Request body too large: " + actualBytes
                + " bytes (max " + limitBytes + " bytes for " + tier + " tier)", extras);
    }

    public static HandoffRailException unauthorized(String detail) {
        return new HandoffRailException(ErrorCode.UNAUTHORIZED, detail);
    }

    public static HandoffRailException validation(List<FieldError> errors) {
        return new ValidationException(errors);
    }
}
