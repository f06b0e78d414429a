package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.contract.StoreFixture;
import dev.handoffrail.core.contract.UnstorableTextContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresUnstorableTextTest extends UnstorableTextContract {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    protected StoreFixture newFixture() {
        return new SqlStoreFixture(DATABASE);
    }
}
