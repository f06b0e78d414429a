package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.contract.StoreFixture;
import dev.handoffrail.core.contract.TransactionContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTransactionTest extends TransactionContract {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    protected StoreFixture newFixture() {
        return new SqlStoreFixture(DATABASE);
    }
}
