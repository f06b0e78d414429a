package dev.handoffrail.core.memory;

import dev.handoffrail.core.contract.SchemaStoreContract;
import dev.handoffrail.core.contract.StoreFixture;

class InMemorySchemaStoreTest extends SchemaStoreContract {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryStoreFixture();
    }
}
