package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.contract.StoreFixture;
import dev.handoffrail.core.contract.TenantStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTenantStoreTest extends TenantStoreContract {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    protected StoreFixture newFixture() {
        return new SqlStoreFixture(DATABASE);
    }
}
