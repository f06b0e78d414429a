package dev.handoffrail.persistence.sql;

import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteSearchByTenantMigrationTest extends SearchByTenantMigrationScenarios {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.sqlite().unmigrated();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
