package dev.handoffrail.core.port.out;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;

/**
 * Thrown by {@link Transactor#inTransaction} when the database aborted the transaction because it conflicted with a
 * concurrent one: a deadlock it broke, or a serialization failure. Everything the work wrote was rolled back, and
 * running the same work again is expected to succeed. A caller that does not retry passes it on as {@code 503
 * SERVICE_UNAVAILABLE} (retry later). Immutable.
 */
public final class TransactionConflictException extends HandoffRailException {
    public static final String DETAIL = "The change conflicted with a concurrent change; retry";

    public TransactionConflictException() {
        super(ErrorCode.SERVICE_UNAVAILABLE, DETAIL);
    }
}
