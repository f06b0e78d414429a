package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells an outage from a bug: a failure whose cause is a lost or refused connection (SQLState class {@code 08}),
 * a server shutting down or not yet accepting connections ({@code 57P01}–{@code 57P03}), too many connections
 * ({@code 53300}), no pooled connection within the pool's bounded wait, or SQLite's busy timeout, becomes {@code
 * SERVICE_UNAVAILABLE} (503, retry later) instead of a server error. Anything else passes unchanged. Stateless.
 */
final class DatabaseUnavailable {
    static final String DETAIL = "Database unavailable; retry later";

    private DatabaseUnavailable() {
    }

    /** {@code failure} itself, or {@code SERVICE_UNAVAILABLE} when it is an outage (the driver's text stays out). */
    static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof HandoffRailException || !isOutage(failure)) {
            return failure;
        }
        return new HandoffRailException(ErrorCode.SERVICE_UNAVAILABLE, DETAIL);
    }

    static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && isOutageState(sql.getSQLState(), sql.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOutageState(String state, String message) {
        if (state != null && (state.startsWith("08") || state.startsWith("57P0") || state.equals("53300"))) {
            return true;
        }
        return message != null && message.contains("[SQLITE_BUSY]");
    }
}
