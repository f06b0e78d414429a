package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.port.out.TransactionConflictException;
import dev.handoffrail.core.port.out.Transactor;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The SQL transaction boundary: {@link #inTransaction} binds one Jdbi {@link Handle} to the calling thread for
 * the duration of the work, and every {@code Sql*} store call on that thread joins it. Outside a transaction a
 * store read runs on a pooled connection in auto-commit mode, and a store write runs in a transaction of its own.
 * A failure because the database cannot be reached leaves as {@code SERVICE_UNAVAILABLE} ({@link
 * DatabaseUnavailable}); a transaction PostgreSQL aborted for a deadlock or a serialization failure leaves as
 * {@link TransactionConflictException}. Thread-safe.
 */
final class SqlTransactor implements Transactor {
    private final Jdbi jdbi;
    private final SqlDialect dialect;
    private final ThreadLocal<Handle> current = new ThreadLocal<>();
    /** SQLite's single writer, with group commit; null on PostgreSQL. */
    private final SqliteWriter sqliteWriter;
    private final List<Runnable> endListeners = new CopyOnWriteArrayList<>();

    SqlTransactor(Jdbi jdbi, SqlDialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.sqliteWriter = dialect == SqlDialect.SQLITE ? new SqliteWriter(jdbi, dialect) : null;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        try {
            return outermost(work);
        } catch (RuntimeException e) {
            if (isConflict(e)) {
                throw new TransactionConflictException();
            }
            throw DatabaseUnavailable.translate(e);
        }
    }

    /**
     * Whether the database aborted the transaction for a conflict with a concurrent one: PostgreSQL's deadlock
     * detection ({@code 40P01}) or a serialization failure ({@code 40001}).
     */
    static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && ("40P01".equals(sql.getSQLState())
                    || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private <T> T outermost(Supplier<T> work) {
        try {
            return sqliteWriter != null ? sqliteWriter.write(work, current) : ownTransaction(work);
        } finally {
            endListeners.forEach(Runnable::run);
        }
    }

    private <T> T ownTransaction(Supplier<T> work) {
        try (Handle handle = jdbi.open()) {
            dialect.begin(handle);
            current.set(handle);
            T result;
            try {
                result = work.get();
            } catch (RuntimeException | Error e) {
                rollback(handle, e);
                throw e;
            } finally {
                current.remove();
            }
            try {
                dialect.commit(handle);
            } catch (RuntimeException e) {
                rollback(handle, e);
                throw e;
            }
            return result;
        }
    }

    /** Runs {@code listener} on the calling thread whenever one of its outermost transactions has ended. */
    void onTransactionEnd(Runnable listener) {
        endListeners.add(listener);
    }

    /** Runs {@code read} on the thread's transaction, or on a connection of its own in auto-commit mode. */
    <T> T read(Function<Handle, T> read) {
        Handle joined = current.get();
        if (joined != null) {
            return read.apply(joined);
        }
        try (Handle handle = jdbi.open()) {
            return read.apply(handle);
        } catch (RuntimeException e) {
            throw DatabaseUnavailable.translate(e);
        }
    }

    /** Runs {@code write} on the thread's transaction, or in a transaction of its own. */
    <T> T write(Function<Handle, T> write) {
        return inTransaction(() -> write.apply(current.get()));
    }

    /** Whether the calling thread is inside {@link #inTransaction}. */
    boolean inTransaction() {
        return current.get() != null;
    }

    private void rollback(Handle handle, Throwable cause) {
        try {
            dialect.rollback(handle);
        } catch (RuntimeException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
