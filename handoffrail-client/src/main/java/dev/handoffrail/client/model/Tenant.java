package dev.handoffrail.client.model;

import java.time.Instant;

/** A tenant with its effective quotas (http-api.md §7.6); {@code handoffsPerDay} 0 means unlimited. */
public record Tenant(String id, String name, Tier tier, int handoffsPerDay, int maxApiKeys, Instant createdAt,
                     Instant updatedAt, Instant deletedAt) {
}
