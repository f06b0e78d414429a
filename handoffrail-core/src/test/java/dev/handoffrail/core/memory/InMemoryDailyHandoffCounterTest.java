package dev.handoffrail.core.memory;

import dev.handoffrail.core.contract.DailyHandoffCounterContract;
import dev.handoffrail.core.contract.StoreFixture;

class InMemoryDailyHandoffCounterTest extends DailyHandoffCounterContract {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryStoreFixture();
    }
}
