package dev.handoffrail.http.tenant;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.port.in.ManageTenantsUseCase.EffectiveLimits;
import dev.handoffrail.core.tenant.Tenant;

/**
 * The tenant representation of http-api.md §7.6 with the effective quota values, written by Jackson in declaration
 * order (the contract's), absent timestamps as {@code null}. Immutable.
 */
record TenantResponse(String id, String name, String tier, @JsonProperty("handoffs_per_day") long handoffsPerDay,
                      @JsonProperty("max_api_keys") long maxApiKeys, @JsonProperty("created_at") String createdAt,
                      @JsonProperty("updated_at") String updatedAt, @JsonProperty("deleted_at") String deletedAt) {

    static TenantResponse of(Tenant tenant, EffectiveLimits limits) {
        return new TenantResponse(tenant.id().value(), tenant.name(), tenant.tier().wireName(),
                limits.handoffsPerDay(), limits.maxApiKeys(), Timestamps.format(tenant.createdAt()),
                Timestamps.format(tenant.updatedAt()), Timestamps.format(tenant.deletedAt()));
    }
}
