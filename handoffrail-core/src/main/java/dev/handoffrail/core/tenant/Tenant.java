package dev.handoffrail.core.tenant;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A tenant: the unit of isolation and of billing. {@code handoffsPerDayOverride} ({@code 0} = unlimited) and
 * {@code maxApiKeysOverride} replace the tier defaults when not {@code null}. Immutable.
 */
public record Tenant(TenantId id, String name, Tier tier, Integer handoffsPerDayOverride,
                     Integer maxApiKeysOverride, Instant createdAt, Instant updatedAt, Instant deletedAt) {
    public Tenant {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(tier, "tier");
        requireNonNull(createdAt, "createdAt");
        requireNonNull(updatedAt, "updatedAt");
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public Tenant withDeletedAt(Instant at) {
        return new Tenant(id, name, tier, handoffsPerDayOverride, maxApiKeysOverride, createdAt, at, at);
    }
}
