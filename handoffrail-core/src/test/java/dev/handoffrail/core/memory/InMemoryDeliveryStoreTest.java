package dev.handoffrail.core.memory;

import dev.handoffrail.core.contract.DeliveryStoreContract;
import dev.handoffrail.core.contract.StoreFixture;

class InMemoryDeliveryStoreTest extends DeliveryStoreContract {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryStoreFixture();
    }
}
