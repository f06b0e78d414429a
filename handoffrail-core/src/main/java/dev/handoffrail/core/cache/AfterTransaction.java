package dev.handoffrail.core.cache;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.port.out.Transactor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A {@link Transactor} that runs actions once the calling thread's outermost transaction has ended, committed or
 * rolled back, so that caches are emptied after the change they reflect is visible to every reader. Outside a
 * transaction an action runs at once (a store call outside one is its own, already ended, transaction). An action
 * that throws is logged; the others still run. Thread-safe.
 */
public final class AfterTransaction implements Transactor {
    private static final System.Logger LOG = System.getLogger(AfterTransaction.class.getName());

    private final Transactor delegate;
    private final ThreadLocal<List<Runnable>> pending = new ThreadLocal<>();

    public AfterTransaction(Transactor delegate) {
        this.delegate = requireNonNull(delegate, "delegate");
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (pending.get() != null) {
            return delegate.inTransaction(work);
        }
        List<Runnable> actions = new ArrayList<>();
        pending.set(actions);
        try {
            return delegate.inTransaction(work);
        } finally {
            pending.remove();
            actions.forEach(AfterTransaction::runSafely);
        }
    }

    /** Whether the calling thread is inside a transaction begun through this transactor. */
    public boolean inTransaction() {
        return pending.get() != null;
    }

    /** Runs {@code action} when the calling thread's transaction ends, or now outside one. */
    public void afterwards(Runnable action) {
        List<Runnable> actions = pending.get();
        if (actions == null) {
            runSafely(action);
        } else {
            actions.add(action);
        }
    }

    private static void runSafely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "an after-transaction action failed", e);
        }
    }
}
