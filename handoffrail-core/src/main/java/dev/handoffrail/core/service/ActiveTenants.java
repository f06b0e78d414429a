package dev.handoffrail.core.service;

import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;

/** Looks up tenants that are not soft-deleted; a deleted tenant is as absent as a missing one. */
final class ActiveTenants {
    private ActiveTenants() {
    }

    /** The tenant, or {@code 404 NOT_FOUND} {@code Tenant <id> not found}. */
    static Tenant require(TenantStore tenants, TenantId id) {
        return tenants.find(id).filter(t -> !t.deleted()).orElseThrow(() -> notFound(id));
    }

    static HandoffRailException notFound(TenantId id) {
        return Errors.notFound("Tenant " + id + " not found");
    }
}
