package dev.handoffrail.core.memory;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.port.out.Transactor;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The in-memory transaction boundary. Units of work run one at a time under a single lock; every store mutation
 * made inside one records an undo action in the transaction's journal, and when the work throws the journal is
 * replayed in reverse order, so nothing of it remains. Store calls made outside a transaction run as their own
 * unit of work. Nested calls join the outer transaction. Thread-safe.
 */
public final class InMemoryTransactor implements Transactor {
    private final ReentrantLock lock = new ReentrantLock();
    private final ThreadLocal<Deque<Runnable>> journal = new ThreadLocal<>();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        requireNonNull(work, "work");
        if (journal.get() != null) {
            return work.get();
        }
        lock.lock();
        Deque<Runnable> undo = new ArrayDeque<>();
        journal.set(undo);
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            rollBack(undo, e);
            throw e;
        } finally {
            journal.remove();
            lock.unlock();
        }
    }

    /** Records how to reverse a mutation the current transaction has just made. */
    void recordUndo(Runnable undo) {
        Deque<Runnable> current = journal.get();
        if (current == null) {
            throw new IllegalStateException("in-memory stores mutate only inside a transaction");
        }
        current.push(undo);
    }

    private static void rollBack(Deque<Runnable> undo, Throwable cause) {
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
