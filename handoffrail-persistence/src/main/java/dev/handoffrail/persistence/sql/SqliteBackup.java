package dev.handoffrail.persistence.sql;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Online backup of a SQLite database with {@code VACUUM INTO}: a consistent, compacted copy taken while the
 * server keeps running (readers and writers are not blocked for long in WAL mode). Thread-safe.
 */
public final class SqliteBackup {
    private final DatabaseUrl url;

    private SqliteBackup(DatabaseUrl url) {
        this.url = url;
    }

    /** A backup of the database at {@code url}, which must be a SQLite URL. */
    public static SqliteBackup of(DatabaseUrl url) {
        if (url.dialect() != SqlDialect.SQLITE) {
            throw new IllegalArgumentException("backup needs a SQLite database; for PostgreSQL use pg_dump (got "
                    + url.redacted() + ")");
        }
        return new SqliteBackup(url);
    }

    /**
     * Writes a consistent copy of the database to {@code target}. Refuses to overwrite: an existing
     * {@code target} gives {@link FileAlreadyExistsException} and is left untouched.
     */
    public void backupTo(Path target) throws IOException {
        Path file = target.toAbsolutePath();
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "backup target already exists");
        }
        if (!Files.exists(url.sqliteFile().orElseThrow())) {
            throw new IOException("no SQLite database at " + url.redacted());
        }
        Properties settings = new Properties();
        settings.setProperty("busy_timeout", String.valueOf(SqlDialect.SQLITE_BUSY_TIMEOUT_MILLIS));
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), settings);
             PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, file.toString());
            vacuum.execute();
        } catch (SQLException e) {
            throw new IOException("SQLite backup to " + file + " failed: " + e.getMessage(), e);
        }
    }
}
