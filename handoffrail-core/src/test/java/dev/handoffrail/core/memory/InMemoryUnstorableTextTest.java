package dev.handoffrail.core.memory;

import dev.handoffrail.core.contract.StoreFixture;
import dev.handoffrail.core.contract.UnstorableTextContract;

class InMemoryUnstorableTextTest extends UnstorableTextContract {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryStoreFixture();
    }
}
