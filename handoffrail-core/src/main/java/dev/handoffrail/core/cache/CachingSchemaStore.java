package dev.handoffrail.core.cache;

import dev.handoffrail.core.cache.StoreCaches.SchemaKey;
import dev.handoffrail.core.port.out.SchemaStore;
import dev.handoffrail.core.schema.SchemaDefinition;
import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.core.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SchemaStore} whose {@link #find} answers from a cache. Schemas are immutable once stored and an insert
 * only adds a new id, so a cached schema never goes stale and nothing needs invalidating; absent ids are not
 * cached, so a schema registered on another instance is found at once. Thread-safe.
 */
final class CachingSchemaStore implements SchemaStore {
    private final SchemaStore store;
    private final ExpiringCache<SchemaKey, SchemaDefinition> cache;

    CachingSchemaStore(SchemaStore store, ExpiringCache<SchemaKey, SchemaDefinition> cache) {
        this.store = store;
        this.cache = cache;
    }

    @Override
    public boolean insert(SchemaDefinition schema) {
        return store.insert(schema);
    }

    @Override
    public Optional<SchemaDefinition> find(TenantId tenant, SchemaId id) {
        return Optional.ofNullable(cache.get(new SchemaKey(tenant, id),
                key -> store.find(key.tenant(), key.id()).orElse(null)));
    }

    @Override
    public List<SchemaDefinition> list(TenantId tenant, String name, int limit, int offset) {
        return store.list(tenant, name, limit, offset);
    }

    @Override
    public long count(TenantId tenant, String name) {
        return store.count(tenant, name);
    }
}
