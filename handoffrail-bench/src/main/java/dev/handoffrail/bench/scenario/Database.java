package dev.handoffrail.bench.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

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
