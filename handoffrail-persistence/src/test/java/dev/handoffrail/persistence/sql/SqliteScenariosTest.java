package dev.handoffrail.persistence.sql;

import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteScenariosTest extends SqlPersistenceScenarios {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.sqlite();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
