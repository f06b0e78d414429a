package dev.handoffrail.core.tenant;

import static dev.handoffrail.core.tenant.TierQuotas.isUnlimited;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.packet.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tier rules of http-api.md §5 as small pure functions: effective limits of a tenant, and count and size
 * checks answering a {@link QuotaDecision}. Counters are kept elsewhere; these only decide. Stateless.
 */
public final class QuotaRules {
    private QuotaRules() {
    }

    /** The daily handoff allowance shown in tenant responses: {@code 0} means unlimited. */
    public static long effectiveHandoffsPerDay(Tenant tenant, TierQuotas quotas) {
        return dailyHandoffLimit(tenant, quotas).orElse(0);
    }

    /** The daily handoff allowance to enforce; empty when unlimited. A tenant override wins, 0 meaning unlimited. */
    public static OptionalLong dailyHandoffLimit(Tenant tenant, TierQuotas quotas) {
        Integer override = tenant.handoffsPerDayOverride();
        if (override != null) {
            return override == 0 ? OptionalLong.empty() : OptionalLong.of(override);
        }
        return quotas.handoffsUnlimited() ? OptionalLong.empty() : OptionalLong.of(quotas.handoffsPerDay());
    }

    /** The non-revoked key limit: the tenant override when set, else the tier's ({@code -1} = unlimited). */
    public static long effectiveMaxApiKeys(Tenant tenant, TierQuotas quotas) {
        Integer override = tenant.maxApiKeysOverride();
        return override != null ? override : quotas.maxApiKeys();
    }

    /**
     * Whether the packets' agent ids fit {@code max_agents}: ids already active never count twice, and a request
     * that adds no new id is allowed even when a lowered quota is already exceeded. Null ids are ignored;
     * {@code active} must cover every id of {@code agentIds}.
     */
    public static QuotaDecision agents(ActiveAgents active, Collection<String> agentIds, TierQuotas quotas,
                                       Tier tier) {
        long limit = quotas.maxAgents();
        if (isUnlimited(limit)) {
            return QuotaDecision.allow();
        }
        Set<String> added = agentIds.stream()
                .filter(id -> id != null && !active.isActive(id))
                .collect(Collectors.toSet());
        if (added.isEmpty() || active.count() + added.size() <= limit) {
            return QuotaDecision.allow();
        }
        return QuotaDecision.reject(Errors.quotaExceeded("max_agents", limit, tier.wireName()));
    }

    /** Whether one more key fits when the tenant has {@code activeKeys} non-revoked keys. */
    public static QuotaDecision apiKeys(long activeKeys, long limit, Tier tier) {
        return count("max_api_keys", activeKeys, limit, tier);
    }

    /** Whether one more webhook fits; the free tier's limit of 0 refuses every registration. */
    public static QuotaDecision webhooks(long activeWebhooks, TierQuotas quotas, Tier tier) {
        return count("max_webhooks", activeWebhooks, quotas.maxWebhooks(), tier);
    }

    /** Whether a body or stored packet of {@code bytes} fits {@code max_packet_size} ({@code 413} otherwise). */
    public static QuotaDecision packetSize(long bytes, TierQuotas quotas, Tier tier) {
        long limit = quotas.maxPacketSize();
        if (isUnlimited(limit) || bytes <= limit) {
            return QuotaDecision.allow();
        }
        return QuotaDecision.reject(Errors.payloadTooLarge(bytes, limit, tier.wireName()));
    }

    /** Whether the tier includes audit export ({@code 403 TIER_FEATURE_UNAVAILABLE} otherwise). */
    public static QuotaDecision auditExport(TierQuotas quotas, Tier tier) {
        if (quotas.auditExport()) {
            return QuotaDecision.allow();
        }
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("feature", "audit_export");
        extras.put("tier", tier.wireName());
        return QuotaDecision.reject(new HandoffRailException(ErrorCode.TIER_FEATURE_UNAVAILABLE,
                "Audit export is not available on the " + tier.wireName() + " tier", extras));
    }

    /**
     * The {@code 429 DAILY_QUOTA_EXCEEDED} error for an allowance of {@code limit} used up at {@code now}:
     * extras {@code limit}, {@code reset_at} (the next 00:00 UTC) and {@code retry_after} (whole seconds, ≥ 1).
     */
    public static HandoffRailException dailyQuotaExceeded(long limit, Instant now) {
        Instant resetAt = now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC);
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("limit", limit);
        extras.put("reset_at", Timestamps.format(resetAt));
        extras.put("retry_after", ceilSeconds(Duration.between(now, resetAt)));
        return new HandoffRailException(ErrorCode.DAILY_QUOTA_EXCEEDED,
                "Daily handoff quota exceeded (limit " + limit + " per day)", extras);
    }

    private static QuotaDecision count(String quota, long current, long limit, Tier tier) {
        if (isUnlimited(limit) || current < limit) {
            return QuotaDecision.allow();
        }
        return QuotaDecision.reject(Errors.quotaExceeded(quota, limit, tier.wireName()));
    }

    private static long ceilSeconds(Duration duration) {
        long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
