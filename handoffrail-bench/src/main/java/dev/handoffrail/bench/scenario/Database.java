package dev.handoffrail.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

/**
 * A fresh, empty database for one server under test: a SQLite file in the run directory, or a new PostgreSQL
 * database on 127.0.0.1:5432 (user {@code postgres}, trust authentication as on the development machines) that
 * {@link #close()} drops again.
 */
sealed interface Database extends AutoCloseable {

    /** A label for the result table: {@code SQLite} or {@code PostgreSQL}. */
    String label();

    /** The URL for {@code HR_DATABASE_URL}. */
    String productUrl();

    /** The JDBC URL for the ceiling server. */
    String jdbcUrl();

    /**
     * Lets the database finish the maintenance a fast seed left behind, so that a measurement after a seed of many
     * packets does not pay for it while one after a small seed does not: PostgreSQL checkpoints and waits (at most
     * {@link #SETTLE_LIMIT}) until no autovacuum worker runs on the database; SQLite checkpoints its WAL (passive).
     * Returns what it did, for the result's fact lines.
     */
    String settle() throws SQLException;

    /** The longest {@link #settle()} waits for autovacuum. */
    Duration SETTLE_LIMIT = Duration.ofMinutes(3);

    @Override
    void close();

    /** A new SQLite file {@code name.db} under {@code directory} (deleted first if present). */
    static Database sqlite(Path directory, String name) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(name + ".db").toAbsolutePath();
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(file + suffix));
        }
        return new Sqlite(file);
    }

    /** A new PostgreSQL database named {@code name} (dropped first if present). */
    static Database postgres(String name) throws SQLException {
        Postgres database = new Postgres(name);
        database.admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        database.admin("CREATE DATABASE " + name);
        return database;
    }

    /** A SQLite file. */
    record Sqlite(Path file) implements Database {
        @Override
        public String label() {
            return "SQLite";
        }

        @Override
        public String productUrl() {
            return "sqlite:///" + file;
        }

        @Override
        public String jdbcUrl() {
            return "jdbc:sqlite:" + file;
        }

        @Override
        public String settle() throws SQLException {
            try (Connection connection = DriverManager.getConnection(jdbcUrl());
                 Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
            }
            return "WAL checkpoint (passive)";
        }

        @Override
        public void close() {
            // the file stays in the run directory for inspection
        }
    }

    /** A PostgreSQL database on the local server. */
    record Postgres(String name) implements Database {
        private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

        @Override
        public String label() {
            return "PostgreSQL";
        }

        @Override
        public String productUrl() {
            return jdbcUrl();
        }

        @Override
        public String jdbcUrl() {
            return SERVER + name + "?user=postgres";
        }

        @Override
        public String settle() throws SQLException {
            long start = System.nanoTime();
            try (Connection connection = DriverManager.getConnection(jdbcUrl());
                 Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
                long deadline = start + SETTLE_LIMIT.toNanos();
                while (autovacuumWorkers(statement) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
                statement.execute("CHECKPOINT");
                return String.format(Locale.ROOT, "checkpoint, autovacuum finished, checkpoint: %.0f s",
                        (System.nanoTime() - start) / 1e9);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while settling " + name, e);
            }
        }

        private static long autovacuumWorkers(Statement statement) throws SQLException {
            try (ResultSet result = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND backend_type = 'autovacuum worker'")) {
                result.next();
                return result.getLong(1);
            }
        }

        @Override
        public void close() {
            try {
                admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("could not drop database " + name + ": " + e.getMessage());
            }
        }

        void admin(String sql) throws SQLException {
            try (Connection connection = DriverManager.getConnection(SERVER + "postgres?user=postgres");
                 Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }
}
