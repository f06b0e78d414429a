package dev.handoffrail.core.memory;

import dev.handoffrail.core.contract.ApiKeyStoreContract;
import dev.handoffrail.core.contract.StoreFixture;

class InMemoryApiKeyStoreTest extends ApiKeyStoreContract {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryStoreFixture();
    }
}
