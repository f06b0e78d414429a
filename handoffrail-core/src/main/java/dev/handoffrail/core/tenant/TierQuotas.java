package dev.handoffrail.core.tenant;

/**
 * The limits of one tier (http-api.md §5.1), keyed like {@code HR_TIER_QUOTAS}. A count of {@link #UNLIMITED}
 * means no limit; {@code unlimitedHandoffs} makes {@code handoffsPerDay} irrelevant. Immutable.
 */
public record TierQuotas(long handoffsPerDay, boolean unlimitedHandoffs, long maxAgents, long maxApiKeys,
                         long maxPacketSize, long requestsPerHour, long requestsPerMinute, long maxWebhooks,
                         long maxRealtimeConnections, long retentionDays, boolean auditExport) {
    public static final long UNLIMITED = -1;

    /** True when daily handoffs are not limited for this tier. */
    public boolean handoffsUnlimited() {
        return unlimitedHandoffs || handoffsPerDay == UNLIMITED;
    }

    public static boolean isUnlimited(long limit) {
        return limit == UNLIMITED;
    }
}
