package dev.handoffrail.core.memory;

import dev.handoffrail.core.contract.PacketStatisticsContract;
import dev.handoffrail.core.contract.StoreFixture;

class InMemoryPacketStatisticsTest extends PacketStatisticsContract {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryStoreFixture();
    }
}
