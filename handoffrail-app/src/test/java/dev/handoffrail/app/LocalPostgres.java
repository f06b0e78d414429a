package dev.handoffrail.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh database on the local PostgreSQL server (127.0.0.1:5432, user postgres, trust auth) for one test class.
 * When the server is unreachable the test is skipped with a message, or fails when {@code CI=true}.
 */
final class LocalPostgres implements AutoCloseable {
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&connectTimeout=3";
    static final String UNREACHABLE =
            "PostgreSQL not reachable at 127.0.0.1:5432 — skipping (set CI=true to make this a failure)";

    private final String database;

    private LocalPostgres(String database) {
        this.database = database;
    }

    /** Creates the database, or aborts the test (fails it under CI) when PostgreSQL is not there. */
    static LocalPostgres createOrSkip() {
        String name = "hr_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(ADMIN_URL); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            return new LocalPostgres(name);
        } catch (SQLException unreachable) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL not reachable at 127.0.0.1:5432 and CI=true", unreachable);
            }
            Assumptions.abort(UNREACHABLE);
            throw new AssertionError("unreachable");
        }
    }

    /** The database in the URL form operators use. */
    String url() {
        return "postgresql://postgres@127.0.0.1:5432/" + database;
    }

    /** The database as a JDBC URL, for tests that read the tables directly. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:5432/" + database + "?user=postgres";
    }

    /** The same database with a password in the URL (trust authentication ignores it). */
    String url(String password) {
        return "postgresql://postgres:" + password + "@127.0.0.1:5432/" + database;
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }
}
