package dev.handoffrail.core.memory;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Tenants held in memory, soft-deleted ones included. Thread-safe; joins the {@link InMemoryTransactor}. */
public final class InMemoryTenantStore implements TenantStore {
    private static final Comparator<Tenant> NEWEST_FIRST = Comparator.comparing(Tenant::createdAt)
            .thenComparing(t -> t.id().value()).reversed();

    private final InMemoryTransactor transactor;
    private final Table<TenantId, Tenant> tenants;

    public InMemoryTenantStore(InMemoryTransactor transactor) {
        this.transactor = requireNonNull(transactor, "transactor");
        this.tenants = new Table<>(transactor);
    }

    @Override
    public void insert(Tenant tenant) {
        transactor.run(() -> tenants.insert(tenant.id(), tenant));
    }

    @Override
    public Optional<Tenant> find(TenantId id) {
        return transactor.inTransaction(() -> tenants.get(id));
    }

    @Override
    public List<Tenant> listActive() {
        return transactor.inTransaction(() -> tenants.rows().filter(t -> !t.deleted()).sorted(NEWEST_FIRST).toList());
    }

    @Override
    public void update(Tenant tenant) {
        transactor.run(() -> tenants.replace(tenant.id(), tenant));
    }

    @Override
    public boolean activeNameTaken(String name, TenantId except) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return transactor.inTransaction(() -> tenants.rows().anyMatch(t -> !t.deleted()
                && !t.id().equals(except) && t.name().toLowerCase(Locale.ROOT).equals(wanted)));
    }
}
