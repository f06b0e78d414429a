package dev.handoffrail.core.memory;

import dev.handoffrail.core.contract.StoreFixture;
import dev.handoffrail.core.contract.TenantStoreContract;

class InMemoryTenantStoreTest extends TenantStoreContract {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryStoreFixture();
    }
}
