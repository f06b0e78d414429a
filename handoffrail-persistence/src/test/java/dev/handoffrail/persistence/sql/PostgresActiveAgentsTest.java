package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.contract.ActiveAgentsContract;
import dev.handoffrail.core.contract.StoreFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresActiveAgentsTest extends ActiveAgentsContract {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    protected StoreFixture newFixture() {
        return new SqlStoreFixture(DATABASE);
    }
}
