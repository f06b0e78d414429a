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
 * The writes of the ceiling, with the product's database settings (SQLite: one writer connection in WAL mode with
 * {@code synchronous=NORMAL}; PostgreSQL: a HikariCP pool of the product's default sizes, 10 kept open and up to 20,
 * or of a fixed size the bench run gives it, as it gives the product's): the one plain
 * insert of {@code (id, body)} into a single table, the durable writes of a create ({@link DurableWrites}) in
 * one transaction, and those of a claim or complete of such a packet ({@link TransitionWrites}) in one transaction.
 * Thread-safe.
 */
sealed interface CeilingStore extends AutoCloseable {

    /** Inserts one row in its own transaction (auto-commit). */
    void insert(UUID id, String body) throws SQLException;

    /** Does the {@link DurableWrites} of {@code packet} in one transaction and commits it. */
    void insertDurable(DurablePacket packet) throws SQLException;

    /**
     * Does the {@link TransitionWrites} of {@code transition} in one transaction: commits it when the packet was
     * changed, rolls it back (nothing written) when it was refused or not found.
     */
    DurableTransition.Outcome transitionDurable(DurableTransition transition) throws SQLException;

    @Override
    void close() throws SQLException;

    /**
     * Opens {@code jdbcUrl} ({@code jdbc:sqlite:} or {@code jdbc:postgresql:}) and creates the tables;
     * {@code poolSize} is the fixed size of PostgreSQL's pool, 0 for the product's default sizes.
     */
    static CeilingStore open(String jdbcUrl, int poolSize) throws SQLException {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return new Sqlite(jdbcUrl);
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return new Postgres(jdbcUrl, poolSize);
        }
        throw new IllegalArgumentException("unsupported database URL: " + jdbcUrl);
    }

    String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS ceiling_packets (id TEXT PRIMARY KEY, body TEXT NOT NULL)";
    String INSERT = "INSERT INTO ceiling_packets (id, body) VALUES (?, ?)";

    /** SQLite allows one writer: one connection, used under a lock, as the product's single-writer queue. */
    final class Sqlite implements CeilingStore {
        private final Connection connection;
        private final PreparedStatement insert;
        private final DurableWrites durable;
        private final TransitionWrites transitions;
        private final PreparedStatement begin;
        private final PreparedStatement commit;
        private final PreparedStatement rollback;

        Sqlite(String jdbcUrl) throws SQLException {
            connection = DriverManager.getConnection(jdbcUrl);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=NORMAL");
                statement.execute("PRAGMA busy_timeout=5000");
                statement.execute(CREATE_TABLE);
            }
            DurableWrites.Dialect.SQLITE.createTables(connection);
            insert = connection.prepareStatement(INSERT);
            durable = new DurableWrites(connection, DurableWrites.Dialect.SQLITE);
            transitions = new TransitionWrites(connection, DurableWrites.Dialect.SQLITE);
            // the driver stays in auto-commit; the transaction is opened as the product opens it (write lock at once)
            begin = connection.prepareStatement("BEGIN IMMEDIATE");
            commit = connection.prepareStatement("COMMIT");
            rollback = connection.prepareStatement("ROLLBACK");
        }

        @Override
        public synchronized void insert(UUID id, String body) throws SQLException {
            insert.setString(1, id.toString());
            insert.setString(2, body);
            insert.executeUpdate();
        }

        @Override
        public synchronized void insertDurable(DurablePacket packet) throws SQLException {
            begin.execute();
            try {
                durable.write(packet);
                commit.execute();
            } catch (SQLException | RuntimeException e) {
                rollback.execute();
                throw e;
            }
        }

        @Override
        public synchronized DurableTransition.Outcome transitionDurable(DurableTransition transition)
                throws SQLException {
            begin.execute();
            try {
                DurableTransition.Outcome outcome = transitions.write(transition);
                if (outcome.result() == DurableTransition.Outcome.Result.CHANGED) {
                    commit.execute();
                } else {
                    rollback.execute();
                }
                return outcome;
            } catch (SQLException | RuntimeException e) {
                rollback.execute();
                throw e;
            }
        }

        @Override
        public synchronized void close() throws SQLException {
            connection.close();
        }
    }

    /** PostgreSQL through a connection pool, one insert or one transaction per borrowed connection. */
    final class Postgres implements CeilingStore {
        private final HikariDataSource pool;

        Postgres(String jdbcUrl, int poolSize) throws SQLException {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl);
            config.setUsername("postgres");
            config.setMinimumIdle(poolSize > 0 ? poolSize : 10);
            config.setMaximumPoolSize(poolSize > 0 ? poolSize : 20);
            // as the product: a create's tag rows go as one multi-row insert
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            pool = new HikariDataSource(config);
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute(CREATE_TABLE);
                DurableWrites.Dialect.POSTGRESQL.createTables(connection);
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

        /** The pool resets auto-commit when the connection is returned. */
        @Override
        public void insertDurable(DurablePacket packet) throws SQLException {
            try (Connection connection = pool.getConnection();
                 DurableWrites durable = new DurableWrites(connection, DurableWrites.Dialect.POSTGRESQL)) {
                connection.setAutoCommit(false);
                try {
                    durable.write(packet);
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
        }

        @Override
        public DurableTransition.Outcome transitionDurable(DurableTransition transition) throws SQLException {
            try (Connection connection = pool.getConnection();
                 TransitionWrites writes = new TransitionWrites(connection, DurableWrites.Dialect.POSTGRESQL)) {
                connection.setAutoCommit(false);
                try {
                    DurableTransition.Outcome outcome = writes.write(transition);
                    if (outcome.result() == DurableTransition.Outcome.Result.CHANGED) {
                        connection.commit();
                    } else {
                        connection.rollback();
                    }
                    return outcome;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
        }

        @Override
        public void close() {
            pool.close();
        }
    }
}
