package dev.handoffrail.core.port.out;

import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/** Tenant records, including soft-deleted ones. Thread-safe; joins the ambient transaction. */
public interface TenantStore {
    /** Stores a new tenant; the id must never have been used (deleted tenants included). */
    void insert(Tenant tenant);

    /** The tenant, deleted or not. */
    Optional<Tenant> find(TenantId id);

    /** Non-deleted tenants, newest first. */
    List<Tenant> listActive();

    void update(Tenant tenant);

    /** Whether a non-deleted tenant other than {@code except} has this name, compared case-insensitively. */
    boolean activeNameTaken(String name, TenantId except);
}
