package dev.handoffrail.core.memory;

import dev.handoffrail.core.contract.EventBusContract;
import dev.handoffrail.core.port.out.EventBus;

class InMemoryEventBusTest extends EventBusContract {
    @Override
    protected EventBus newEventBus() {
        return new InMemoryEventBus();
    }
}
