package dev.handoffrail.persistence.sql;

import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteSearchByTenantTest extends SearchByTenantScenarios {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.sqlite();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
