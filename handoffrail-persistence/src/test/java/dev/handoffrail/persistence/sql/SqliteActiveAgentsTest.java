package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.contract.ActiveAgentsContract;
import dev.handoffrail.core.contract.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteActiveAgentsTest extends ActiveAgentsContract {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.sqlite();

    @Override
    protected StoreFixture newFixture() {
        return new SqlStoreFixture(DATABASE);
    }
}
