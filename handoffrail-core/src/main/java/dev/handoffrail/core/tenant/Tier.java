package dev.handoffrail.core.tenant;

import java.util.Locale;
import java.util.Optional;

/** A tenant's plan. Its limits come from the configured {@link TierQuotaTable}. */
public enum Tier {
    FREE, PRO, BUSINESS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Tier> fromWire(String value) {
        for (Tier tier : values()) {
            if (tier.wireName().equals(value)) {
                return Optional.of(tier);
            }
        }
        return Optional.empty();
    }
}
