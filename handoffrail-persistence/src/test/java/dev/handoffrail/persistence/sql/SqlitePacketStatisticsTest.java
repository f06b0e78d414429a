package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.contract.PacketStatisticsContract;
import dev.handoffrail.core.contract.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqlitePacketStatisticsTest extends PacketStatisticsContract {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.sqlite();

    @Override
    protected StoreFixture newFixture() {
        return new SqlStoreFixture(DATABASE);
    }
}
