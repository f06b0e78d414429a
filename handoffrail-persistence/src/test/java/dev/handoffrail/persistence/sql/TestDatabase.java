package dev.handoffrail.persistence.sql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real database for one test class: a fresh PostgreSQL database (created on the local server, dropped after the
 * class) or a SQLite file in a temporary directory. It opens a migrated {@link SqlPersistence} once per class and
 * empties every table before each test, so each test starts from an empty store.
 */
abstract class TestDatabase implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    static final List<String> TABLES = List.of("packets", "packet_tags", "audit_log", "tenants", "api_keys",
            "webhooks", "deliveries", "schemas", "daily_handoffs", "idempotency_keys", "tenant_agents",
            "packet_counts");

    private boolean migrate = true;

    private final List<SqlPersistence> opened = new ArrayList<>();
    private SqlPersistence shared;
    private DatabaseUrl url;

    static TestDatabase postgres() {
        return new Postgres();
    }

    static TestDatabase sqlite() {
        return new Sqlite();
    }

    /** This database left without any schema: the test migrates it (and nothing is emptied before each test). */
    TestDatabase unmigrated() {
        migrate = false;
        return this;
    }

    /** The migrated persistence shared by the tests of the class, emptied before each test. */
    SqlPersistence persistence() {
        return shared;
    }

    DatabaseUrl url() {
        return url;
    }

    /** Another pool on the same database ("a second instance"), closed after the class. */
    SqlPersistence openAnother(PoolSettings pool) {
        SqlPersistence another = SqlPersistence.open(url, pool, true);
        opened.add(another);
        return another;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        url = create(context.getRequiredTestClass().getSimpleName());
        if (url != null) {
            shared = SqlPersistence.open(url, new PoolSettings(2, 8), migrate);
        }
    }

    /** Skips each test (rather than the class silently) when the database is not there. */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (shared == null) {
            Assumptions.abort(Postgres.UNREACHABLE);
        }
        if (!migrate) {
            return;
        }
        try (Connection connection = shared.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                statement.execute("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        opened.forEach(SqlPersistence::close);
        if (shared != null) {
            shared.close();
        }
        drop();
    }

    /** The database for {@code testClass}, or null when its server is out of reach outside CI. */
    abstract DatabaseUrl create(String testClass) throws Exception;

    abstract void drop() throws Exception;

    /** A database of its own on the local PostgreSQL server; skipped (or failed on CI) when there is none. */
    static final class Postgres extends TestDatabase {
        static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
        static final String UNREACHABLE =
                "PostgreSQL not reachable at 127.0.0.1:5432 — skipping (set CI=true to make this a failure)";
        private String database;

        @Override
        DatabaseUrl create(String testClass) throws SQLException {
            try (Connection admin = admin()) {
                database = "hr_" + testClass.toLowerCase(Locale.ROOT) + "_"
                        + UUID.randomUUID().toString().substring(0, 8);
                admin.createStatement().execute("CREATE DATABASE " + database);
            } catch (SQLException unreachable) {
                if ("true".equals(System.getenv("CI"))) {
                    throw new IllegalStateException("PostgreSQL not reachable at 127.0.0.1:5432 and CI=true",
                            unreachable);
                }
                System.err.println(UNREACHABLE);
                return null;
            }
            return DatabaseUrl.parse("postgresql://postgres@127.0.0.1:5432/" + database);
        }

        @Override
        void drop() throws SQLException {
            if (database != null) {
                try (Connection admin = admin()) {
                    admin.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                }
            }
        }

        private static Connection admin() throws SQLException {
            return DriverManager.getConnection(SERVER, "postgres", "");
        }
    }

    /** A SQLite file in a temporary directory, deleted after the class. */
    static final class Sqlite extends TestDatabase {
        private Path directory;

        @Override
        DatabaseUrl create(String testClass) throws Exception {
            directory = Files.createTempDirectory("hr-" + testClass);
            return DatabaseUrl.sqlite(directory.resolve("handoffrail.db"));
        }

        @Override
        void drop() throws Exception {
            if (directory != null) {
                try (var files = Files.walk(directory)) {
                    for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }
}
