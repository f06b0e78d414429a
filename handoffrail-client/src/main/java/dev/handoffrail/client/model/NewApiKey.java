package dev.handoffrail.client.model;

import java.util.Objects;

/** The input of {@code POST /keys}: {@code tenantId} null means the caller's tenant. */
public record NewApiKey(String name, Role role, String tenantId, Boolean platformAdmin) {
    public NewApiKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    /** A key of the caller's tenant. */
    public static NewApiKey of(String name, Role role) {
        return new NewApiKey(name, role, null, null);
    }

    /** This key in {@code tenant} (needs a platform-admin caller when it is not the caller's tenant). */
    public NewApiKey inTenant(String tenant) {
        return new NewApiKey(name, role, tenant, platformAdmin);
    }
}
