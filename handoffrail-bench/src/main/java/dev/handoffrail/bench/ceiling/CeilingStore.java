package dev.handoffrail.bench.ceiling;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The one plain insert of the ceiling: {@code (id, body)} into a single table, with the product's database settings
 * (SQLite: one writer connection in WAL mode with {@code synchronous=NORMAL}; PostgreSQL: a HikariCP pool of the
 * product's default maximum size, 20). Thread-safe.
 */
sealed interface CeilingStore extends AutoCloseable {

    /** Inserts one row in its own transaction (auto-commit). */
    void insert(UUID id, String body) throws SQLException;

    @Override
    void close() throws SQLException;

    /** Opens {@code jdbcUrl} ({@code jdbc:sqlite:} or {@code jdbc:postgresql:}) and creates the table. */
    static CeilingStore open(String jdbcUrl) throws SQLException {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return new Sqlite(jdbcUrl);
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return new Postgres(jdbcUrl);
        }
        throw new IllegalArgumentException("unsupported database URL: " + jdbcUrl);
    }

    String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS ceiling_packets (id TEXT PRIMARY KEY, body TEXT NOT NULL)";
    String INSERT = "INSERT INTO ceiling_packets (id, body) VALUES (?, ?)";

    /** SQLite allows one writer: one connection, used under a lock, as the product's single-writer queue. */
    final class Sqlite implements CeilingStore {
        private final Connection connection;
        private final PreparedStatement insert;

        Sqlite(String jdbcUrl) throws SQLException {
            connection = DriverManager.getConnection(jdbcUrl);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("PRAGMA busy_timeout=5000");
                statement.execute(CREATE_TABLE);
            }
            insert = connection.prepareStatement(INSERT);
        }

        @Override
        public synchronized void insert(UUID id, String body) throws SQLException {
            insert.setString(1, id.toString());
            insert.setString(2, body);
            insert.executeUpdate();
        }

        @Override
        public synchronized void close() throws SQLException {
            connection.close();
        }
    }

    /** PostgreSQL through a connection pool, one statement per borrowed connection. */
    final class Postgres implements CeilingStore {
        private final HikariDataSource pool;

        Postgres(String jdbcUrl) throws SQLException {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl);
            config.setUsername("postgres");
            config.setMinimumIdle(10);
            config.setMaximumPoolSize(20);
            pool = new HikariDataSource(config);
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute(CREATE_TABLE);
            }
        }

        @Override
        public void insert(UUID id, String body) throws SQLException {
            try (Connection connection = pool.getConnection();
                 PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, id.toString());
                insert.setString(2, body);
                insert.executeUpdate();
            }
        }

        @Override
        public void close() {
            pool.close();
        }
    }
}
