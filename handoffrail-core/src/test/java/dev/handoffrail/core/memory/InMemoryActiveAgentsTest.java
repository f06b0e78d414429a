package dev.handoffrail.core.memory;

import dev.handoffrail.core.contract.ActiveAgentsContract;
import dev.handoffrail.core.contract.StoreFixture;

class InMemoryActiveAgentsTest extends ActiveAgentsContract {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryStoreFixture();
    }
}
