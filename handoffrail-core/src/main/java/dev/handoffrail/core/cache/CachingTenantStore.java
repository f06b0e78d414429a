package dev.handoffrail.core.cache;

import dev.handoffrail.core.port.out.EventBus.TenantDataChanged;
import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link TenantStore} whose {@link #find} answers from a cache outside transactions; inside one it reads the
 * store, so that read-modify-write sequences never start from a cached copy. Absent tenants are not cached.
 * Writes announce {@link TenantDataChanged.Scope#TENANT}. Thread-safe.
 */
final class CachingTenantStore implements TenantStore {
    private final TenantStore store;
    private final ExpiringCache<TenantId, Tenant> cache;
    private final AfterTransaction transactor;
    private final Consumer<TenantDataChanged> changed;

    CachingTenantStore(TenantStore store, ExpiringCache<TenantId, Tenant> cache, AfterTransaction transactor,
                       Consumer<TenantDataChanged> changed) {
        this.store = store;
        this.cache = cache;
        this.transactor = transactor;
        this.changed = changed;
    }

    @Override
    public void insert(Tenant tenant) {
        store.insert(tenant);
        changed.accept(new TenantDataChanged(tenant.id(), TenantDataChanged.Scope.TENANT));
    }

    @Override
    public Optional<Tenant> find(TenantId id) {
        if (transactor.inTransaction()) {
            return store.find(id);
        }
        return Optional.ofNullable(cache.get(id, key -> store.find(key).orElse(null)));
    }

    @Override
    public List<Tenant> listActive() {
        return store.listActive();
    }

    @Override
    public void update(Tenant tenant) {
        store.update(tenant);
        changed.accept(new TenantDataChanged(tenant.id(), TenantDataChanged.Scope.TENANT));
    }

    @Override
    public boolean activeNameTaken(String name, TenantId except) {
        return store.activeNameTaken(name, except);
    }
}
