package dev.handoffrail.persistence.sql;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * SQLite's single writer, with group commit. The writers of this process take turns on one lock instead of spinning
 * in SQLite's busy handler ({@code BEGIN IMMEDIATE} plus {@code busy_timeout} still arbitrate between processes).
 * Each writer's work runs in a savepoint of a shared transaction, so a writer that fails undoes only its own
 * changes. A writer that ends its turn while others are queued leaves the transaction open for them and waits for
 * the commit; the writer that finds no one queued, or the {@value #MAX_GROUP}th, commits for the whole group. A
 * caller returns only once its changes are committed, exactly as with a transaction of its own, and sees the
 * changes of earlier writers as it would have after their commits. Under load this saves a {@code BEGIN} and a
 * {@code COMMIT} (SQLite's WAL append and the full-text index flush) per write; without a queue it adds nothing.
 * Thread-safe.
 */
final class SqliteWriter {
    /** At most this many writers share one commit, which bounds how long the first of them waits for it. */
    static final int MAX_GROUP = 32;
    private static final String SAVEPOINT = "writer";

    private final Jdbi jdbi;
    private final SqlDialect dialect;
    /*
     * Not fair: a fair lock hands every release to a parked thread, and waiting for that thread to be scheduled
     * cost more than a write (handoffrail-bench create on SQLite: 226-284/s fair, 382-513/s unfair, same machine).
     */
    private final ReentrantLock turn = new ReentrantLock();
    /** The transaction left open for the next writer; guarded by {@link #turn}. */
    private Group open;
    /** Transactions begun; guarded by {@link #turn}. */
    private long transactions;

    SqliteWriter(Jdbi jdbi, SqlDialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    /** Runs {@code work} with {@code current} bound to the writer's handle; returns once its changes are committed. */
    <T> T write(Supplier<T> work, ThreadLocal<Handle> current) {
        turn.lock();
        boolean holding = true;
        try {
            Group group = open != null ? open : begin();
            open = null;
            T result;
            try {
                result = inSavepoint(group, work, current);
            } catch (GroupLost lost) {
                throw lost.getCause() instanceof RuntimeException e ? e : lost;
            } catch (RuntimeException mine) {
                // undone: the group goes on without this writer's changes
                if (!passOn(group)) {
                    commitOrRethrowAsSuppressed(group, mine);
                }
                throw mine;
            }
            if (passOn(group)) {
                turn.unlock();
                holding = false;
                group.awaitCommit();
                return result;
            }
            group.commit();
            return result;
        } finally {
            if (holding) {
                turn.unlock();
            }
        }
    }

    /** How many transactions the writers have used so far: fewer than the writes when they were grouped. */
    long transactions() {
        turn.lock();
        try {
            return transactions;
        } finally {
            turn.unlock();
        }
    }

    private Group begin() {
        transactions++;
        Handle handle = jdbi.open();
        try {
            dialect.begin(handle);
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
        return new Group(handle, dialect);
    }

    /** Leaves the group open for a queued writer (and counts on it to commit); false when this writer must. */
    private boolean passOn(Group group) {
        if (turn.hasQueuedThreads() && group.size() < MAX_GROUP) {
            open = group;
            return true;
        }
        return false;
    }

    private <T> T inSavepoint(Group group, Supplier<T> work, ThreadLocal<Handle> current) {
        Handle handle = group.handle();
        try {
            handle.execute("SAVEPOINT " + SAVEPOINT);
        } catch (RuntimeException e) {
            group.fail(e);
            throw new GroupLost(e);
        }
        current.set(handle);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            current.remove();
            undo(group, e);
            throw e;
        } catch (Error e) {
            current.remove();
            group.fail(e);
            throw e;
        }
        current.remove();
        try {
            handle.execute("RELEASE " + SAVEPOINT);
        } catch (RuntimeException e) {
            group.fail(e);
            throw new GroupLost(e);
        }
        group.joined();
        return result;
    }

    /** Undoes this writer's changes; if even that fails, the whole group is rolled back. */
    private static void undo(Group group, RuntimeException cause) {
        try {
            group.handle().execute("ROLLBACK TO " + SAVEPOINT);
            group.handle().execute("RELEASE " + SAVEPOINT);
        } catch (RuntimeException undoFailure) {
            cause.addSuppressed(undoFailure);
            group.fail(cause);
            throw new GroupLost(cause);
        }
    }

    private static void commitOrRethrowAsSuppressed(Group group, RuntimeException mine) {
        try {
            group.commit();
        } catch (RuntimeException commitFailure) {
            mine.addSuppressed(commitFailure);
        }
    }

    /** The failure that rolled back the whole group; the writer that saw it rethrows its cause. */
    private static final class GroupLost extends RuntimeException {
        GroupLost(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** One open transaction shared by the writers whose changes it holds, and the outcome they wait for. */
    private static final class Group {
        private final Handle handle;
        private final SqlDialect dialect;
        private final CountDownLatch ended = new CountDownLatch(1);
        private int size;
        private volatile Throwable failure;

        Group(Handle handle, SqlDialect dialect) {
            this.handle = handle;
            this.dialect = dialect;
        }

        Handle handle() {
            return handle;
        }

        int size() {
            return size;
        }

        void joined() {
            size++;
        }

        void commit() {
            try {
                dialect.commit(handle);
            } catch (RuntimeException e) {
                fail(e);
                throw e;
            }
            end(null);
        }

        /** Rolls the whole transaction back: every writer of the group fails. */
        void fail(Throwable cause) {
            try {
                dialect.rollback(handle);
            } catch (RuntimeException rollbackFailure) {
                // the connection is closed next; SQLite rolls back what it did not commit
            }
            end(cause);
        }

        private void end(Throwable cause) {
            failure = cause;
            handle.close();
            ended.countDown();
        }

        /** Waits until the group has committed; throws when it was rolled back instead. */
        void awaitCommit() {
            boolean interrupted = false;
            while (true) {
                try {
                    ended.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the changes are in the group: their outcome is still this writer's answer
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw new IllegalStateException("The group commit of this write failed", failure);
            }
        }
    }
}
