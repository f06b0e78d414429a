package dev.handoffrail.core.memory;

import dev.handoffrail.core.contract.TenantStoreContract;
import dev.handoffrail.core.contract.StoreFixture;

class InMemoryTenantStoreTest extends TenantStoreContract {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryStoreFixture();
    }
}
