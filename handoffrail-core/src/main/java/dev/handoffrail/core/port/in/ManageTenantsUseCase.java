package dev.handoffrail.core.port.in;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import java.util.List;

/** Tenant administration for platform admins (http-api.md §13). */
public interface ManageTenantsUseCase {
    /** {@code id} null generates a UUID; {@code tier} null means the configured default tier. */
    Tenant create(Caller caller, String name, Tier tier, TenantId id, Integer handoffsPerDay, Integer maxApiKeys);

    List<Tenant> list(Caller caller);

    Tenant get(Caller caller, TenantId id);

    Tenant update(Caller caller, TenantId id, TenantChanges changes);

    void delete(Caller caller, TenantId id);

    /**
     * A PATCH of a tenant. {@code null} fields are left unchanged; the {@code reset*} flags set an override back
     * to the tier default (explicit JSON null).
     */
    record TenantChanges(String name, Tier tier, Integer handoffsPerDay, boolean resetHandoffsPerDay,
                         Integer maxApiKeys, boolean resetMaxApiKeys) {
    }

    /** The effective limits shown in tenant responses: {@code handoffsPerDay} 0 = unlimited. */
    EffectiveLimits effectiveLimits(Tenant tenant);

    record EffectiveLimits(long handoffsPerDay, long maxApiKeys) {
    }
}
