package dev.handoffrail.core.memory;

import dev.handoffrail.core.contract.ConnectionCounterContract;
import dev.handoffrail.core.port.out.ConnectionCounter;

class InMemoryConnectionCounterTest extends ConnectionCounterContract {
    @Override
    protected ConnectionCounter newConnectionCounter() {
        return new InMemoryConnectionCounter();
    }
}
