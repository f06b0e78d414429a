package dev.handoffrail.core.memory;

import dev.handoffrail.core.contract.PacketStoreContract;
import dev.handoffrail.core.contract.StoreFixture;

class InMemoryPacketStoreTest extends PacketStoreContract {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryStoreFixture();
    }
}
