package dev.handoffrail.core.tenant;

import static dev.handoffrail.core.tenant.TierQuotas.UNLIMITED;

import java.util.EnumMap;
import java.util.Map;

/**
 * The quotas of every tier: the contract's defaults (http-api.md §5.1), optionally overridden by
 * {@code HR_TIER_QUOTAS} through {@link TierQuotaOverrides#apply(TierQuotaTable, String)}. Immutable.
 */
public final class TierQuotaTable {
    private final Map<Tier, TierQuotas> quotas;

    private TierQuotaTable(Map<Tier, TierQuotas> quotas) {
        for (Tier tier : Tier.values()) {
            if (!quotas.containsKey(tier)) {
                throw new IllegalArgumentException("no quotas for tier " + tier.wireName());
            }
        }
        this.quotas = new EnumMap<>(quotas);
    }

    /** The built-in table. */
    public static TierQuotaTable defaults() {
        Map<Tier, TierQuotas> table = new EnumMap<>(Tier.class);
        table.put(Tier.FREE, new TierQuotas(5, false, 2, 1, 65_536, 100, 60, 0, 1, 7, false));
        table.put(Tier.PRO, new TierQuotas(UNLIMITED, true, 10, 5, 262_144, 1_000, 60, 5, 5, 30, false));
        table.put(Tier.BUSINESS,
                new TierQuotas(UNLIMITED, true, 50, 25, 1_048_576, 10_000, 60, UNLIMITED, 25, 365, true));
        return new TierQuotaTable(table);
    }

    /** A table with {@code tier}'s quotas replaced. */
    public TierQuotaTable with(Tier tier, TierQuotas replacement) {
        Map<Tier, TierQuotas> table = new EnumMap<>(quotas);
        table.put(tier, replacement);
        return new TierQuotaTable(table);
    }

    public TierQuotas quotasFor(Tier tier) {
        return quotas.get(tier);
    }
}
