package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.contract.PacketStoreContract;
import dev.handoffrail.core.contract.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresPacketStoreTest extends PacketStoreContract {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    protected StoreFixture newFixture() {
        return new SqlStoreFixture(DATABASE);
    }
}
