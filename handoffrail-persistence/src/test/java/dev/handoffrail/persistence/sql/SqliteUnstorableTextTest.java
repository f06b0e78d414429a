package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.contract.StoreFixture;
import dev.handoffrail.core.contract.UnstorableTextContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteUnstorableTextTest extends UnstorableTextContract {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.sqlite();

    @Override
    protected StoreFixture newFixture() {
        return new SqlStoreFixture(DATABASE);
    }
}
