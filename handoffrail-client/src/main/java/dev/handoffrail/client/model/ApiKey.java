package dev.handoffrail.client.model;

import java.time.Instant;

/**
 * An API key (http-api.md §7.5). {@code key} holds the secret only in the answer of create and rotate; keep it
 * out of logs.
 */
public record ApiKey(String id, String name, String keyPrefix, String tenantId, Role role, boolean platformAdmin,
                     Tier tier, boolean revoked, Instant createdAt, Instant revokedAt, Instant lastUsedAt,
                     String key) {
    @Override
    public String toString() {
        return "ApiKey[id=" + id + ", name=" + name + ", keyPrefix=" + keyPrefix + ", tenantId=" + tenantId
                + ", role=" + role + ", platformAdmin=" + platformAdmin + ", revoked=" + revoked + "]";
    }
}
