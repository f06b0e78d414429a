package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.contract.PacketStoreContract;
import dev.handoffrail.core.contract.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqlitePacketStoreTest extends PacketStoreContract {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.sqlite();

    @Override
    protected StoreFixture newFixture() {
        return new SqlStoreFixture(DATABASE);
    }
}
