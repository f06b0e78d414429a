package dev.handoffrail.persistence.sql;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSearchByTenantMigrationTest extends SearchByTenantMigrationScenarios {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres().unmigrated();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
