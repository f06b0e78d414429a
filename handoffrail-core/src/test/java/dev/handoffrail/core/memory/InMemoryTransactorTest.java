package dev.handoffrail.core.memory;

import dev.handoffrail.core.contract.StoreFixture;
import dev.handoffrail.core.contract.TransactionContract;

class InMemoryTransactorTest extends TransactionContract {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryStoreFixture();
    }
}
