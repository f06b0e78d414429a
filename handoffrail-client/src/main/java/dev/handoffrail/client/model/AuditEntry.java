package dev.handoffrail.client.model;

import java.time.Instant;
import java.util.Map;

/** One audit entry (http-api.md §7.9); {@code packetId} is "" for entries whose resource is not a packet. */
public record AuditEntry(String id, String packetId, String actor, String action, String resource,
                         String resourceId, Map<String, Object> details, Instant timestamp, String apiKeyId) {
    public AuditEntry {
        details = Copies.map(details);
    }
}
