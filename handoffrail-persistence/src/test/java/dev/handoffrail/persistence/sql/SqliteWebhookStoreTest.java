package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.contract.StoreFixture;
import dev.handoffrail.core.contract.WebhookStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteWebhookStoreTest extends WebhookStoreContract {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.sqlite();

    @Override
    protected StoreFixture newFixture() {
        return new SqlStoreFixture(DATABASE);
    }
}
