package dev.handoffrail.persistence.sql;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTenantAgentsMigrationTest extends TenantAgentsMigrationScenarios {
    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres().unmigrated();

    @Override
    TestDatabase database() {
        return DATABASE;
    }
}
