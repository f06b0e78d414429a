package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.contract.PacketStatisticsContract;
import dev.handoffrail.core.contract.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresPacketStatisticsTest extends PacketStatisticsContract {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    protected StoreFixture newFixture() {
        return new SqlStoreFixture(DATABASE);
    }
}
