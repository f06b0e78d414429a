package dev.handoffrail.core.memory;

import dev.handoffrail.core.contract.AuditLogContract;
import dev.handoffrail.core.contract.StoreFixture;

class InMemoryAuditLogTest extends AuditLogContract {
    @Override
    protected StoreFixture newFixture() {
        return new InMemoryStoreFixture();
    }
}
