package dev.handoffrail.persistence.sql;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresHotPathStatementTest extends HotPathStatementScenarios {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
