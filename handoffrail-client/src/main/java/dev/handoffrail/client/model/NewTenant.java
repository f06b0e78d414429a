package dev.handoffrail.client.model;

import java.util.Objects;

/**
 * The input of {@code POST /tenants}. Null members take the server's defaults: tier {@code free}, a generated id,
 * the tier's quotas.
 */
public record NewTenant(String name, Tier tier, String id, Integer handoffsPerDay, Integer maxApiKeys) {
    public NewTenant {
        Objects.requireNonNull(name, "name");
    }

    public static NewTenant of(String name) {
        return new NewTenant(name, null, null, null, null);
    }

    public NewTenant withId(String value) {
        return new NewTenant(name, tier, value, handoffsPerDay, maxApiKeys);
    }

    public NewTenant withTier(Tier value) {
        return new NewTenant(name, value, id, handoffsPerDay, maxApiKeys);
    }

    public NewTenant withHandoffsPerDay(Integer value) {
        return new NewTenant(name, tier, id, value, maxApiKeys);
    }

    public NewTenant withMaxApiKeys(Integer value) {
        return new NewTenant(name, tier, id, handoffsPerDay, value);
    }
}
