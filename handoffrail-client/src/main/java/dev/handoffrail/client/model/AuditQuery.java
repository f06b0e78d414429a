package dev.handoffrail.client.model;

import java.time.Instant;

/**
 * Filters of {@code GET /audit} and its export (http-api.md §14): {@code resource} is {@code packet} (the server's
 * default when null), {@code api_key}, {@code webhook}, {@code tenant}, {@code schema} or {@code all}.
 */
public record AuditQuery(String resource, String actor, String action, String packetId, Instant createdAfter,
                         Instant createdBefore) {
    public static AuditQuery packets() {
        return new AuditQuery(null, null, null, null, null, null);
    }

    public static AuditQuery resource(String resource) {
        return new AuditQuery(resource, null, null, null, null, null);
    }

    public AuditQuery withActor(String value) {
        return new AuditQuery(resource, value, action, packetId, createdAfter, createdBefore);
    }

    public AuditQuery withAction(String value) {
        return new AuditQuery(resource, actor, value, packetId, createdAfter, createdBefore);
    }

    public AuditQuery withPacketId(String value) {
        return new AuditQuery(resource, actor, action, value, createdAfter, createdBefore);
    }

    public AuditQuery withCreatedBetween(Instant after, Instant before) {
        return new AuditQuery(resource, actor, action, packetId, after, before);
    }
}
