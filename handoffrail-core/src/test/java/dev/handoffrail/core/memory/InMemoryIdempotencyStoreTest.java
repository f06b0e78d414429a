package dev.handoffrail.core.memory;

import dev.handoffrail.core.contract.IdempotencyStoreContract;
import dev.handoffrail.core.contract.StoreFixture;

class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryStoreFixture();
    }
}
