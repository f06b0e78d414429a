package dev.handoffrail.persistence.sql;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Applies the Flyway migrations of a dialect. Idempotent: an up-to-date database is left as it is. */
public final class Migrations {
    private Migrations() {
    }

    /** Migrates {@code dataSource} to the latest schema; returns how many migrations were applied. */
    public static int migrate(DataSource dataSource, SqlDialect dialect) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(dialect.flywayLocation())
                .failOnMissingLocations(true)
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
