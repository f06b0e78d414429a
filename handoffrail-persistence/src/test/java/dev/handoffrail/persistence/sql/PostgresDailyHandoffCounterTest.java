package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.contract.DailyHandoffCounterContract;
import dev.handoffrail.core.contract.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresDailyHandoffCounterTest extends DailyHandoffCounterContract {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    protected StoreFixture newFixture() {
        return new SqlStoreFixture(DATABASE);
    }
}
