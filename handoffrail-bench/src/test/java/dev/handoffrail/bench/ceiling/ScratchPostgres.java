package dev.handoffrail.bench.ceiling;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh database on the local PostgreSQL server (127.0.0.1:5432, user {@code postgres}) for one test, dropped by
 * {@link #drop()}. Outside CI an unreachable server skips the test; under {@code CI=true} it fails it.
 */
final class ScratchPostgres {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String ADMIN = SERVER + "test?user=postgres&connectTimeout=3";

    private final String name;

    private ScratchPostgres(String name) {
        this.name = name;
    }

    /** Creates a database named {@code prefix} and a random suffix, or skips (fails under CI) the test. */
    static ScratchPostgres create(String prefix) {
        String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            admin("CREATE DATABASE " + name);
        } catch (SQLException unreachable) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL not reachable at 127.0.0.1:5432 and CI=true",
                        unreachable);
            }
            Assumptions.abort("PostgreSQL not reachable at 127.0.0.1:5432 — skipping (set CI=true to make"
                    + " this a failure)");
        }
        return new ScratchPostgres(name);
    }

    /** The JDBC URL of the database, with its user. */
    String url() {
        return SERVER + name + "?user=postgres";
    }

    /** Drops the database, closing any connection still open to it. */
    void drop() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection admin = DriverManager.getConnection(ADMIN);
             Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }
}
