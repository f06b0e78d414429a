package dev.handoffrail.core.port.out;

import java.util.function.Supplier;

/**
 * The transaction boundary. {@link #inTransaction} runs {@code work} atomically: every store call made on this
 * thread inside it joins the same transaction, which commits when {@code work} returns and rolls back entirely
 * when it throws (the exception propagates unchanged). Nested calls join the outer transaction. An outermost call
 * may also throw {@link TransactionConflictException} when the database aborted the transaction because of a
 * concurrent one; {@code work} may then be run again. Thread-safe.
 */
public interface Transactor {
    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
