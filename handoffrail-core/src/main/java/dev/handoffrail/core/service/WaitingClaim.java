package dev.handoffrail.core.service;

import dev.handoffrail.core.port.in.ClaimPacketUseCase.ClaimedPacket;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One claim-next call waiting for a packet without holding a thread (http-api.md §9.15). Each wake-up runs one
 * attempt on {@code executor}; wake-ups during an attempt run one more attempt after it, never two at once. The
 * call ends with the packet an attempt took, or empty once the deadline passed (after a last attempt) or the service
 * closed, and only
 * between attempts: an attempt that took a packet always hands it to the result, so a packet is never claimed for
 * a call that already answered. Thread-safe.
 */
final class WaitingClaim {
    private final CompletableFuture<Optional<ClaimedPacket>> result = new CompletableFuture<>();
    private final Supplier<Optional<ClaimedPacket>> attempt;
    private final Executor executor;
    private final long deadline;
    private final BooleanSupplier closed;
    private boolean scheduled;
    private boolean running;
    private boolean rerun;
    private boolean expired;
    private boolean done;

    WaitingClaim(Supplier<Optional<ClaimedPacket>> attempt, Executor executor, long deadlineNanos, BooleanSupplier closed) {
        this.attempt = attempt;
        this.executor = executor;
        this.deadline = deadlineNanos;
        this.closed = closed;
    }

    CompletableFuture<Optional<ClaimedPacket>> result() {
        return result;
    }

    /** A packet the call may take became available: attempt again (now, or after the running attempt). */
    void wake() {
        synchronized (this) {
            if (done) {
                return;
            }
            if (running) {
                rerun = true;
                return;
            }
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        submit();
    }

    /**
     * The deadline passed: one last attempt (unless one is under way or due), then the answer, empty if it took
     * nothing. The last attempt catches a packet whose wake-up was lost (an event bus that dropped a message).
     */
    void expire() {
        synchronized (this) {
            if (done) {
                return;
            }
            expired = true;
            if (running || scheduled) {
                return;
            }
            scheduled = true;
        }
        submit();
    }

    /** One attempt; on the caller's thread for the first, on the executor for the others. */
    void run() {
        synchronized (this) {
            if (done) {
                return;
            }
            scheduled = false;
            running = true;
            rerun = false;
        }
        Optional<ClaimedPacket> taken = Optional.empty();
        RuntimeException failure = null;
        if (!result.isDone() && !closed.getAsBoolean()) {
            try {
                taken = attempt.get();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        boolean finished;
        boolean again;
        synchronized (this) {
            running = false;
            finished = taken.isPresent() || failure != null || expired || closed.getAsBoolean()
                    || System.nanoTime() - deadline >= 0;
            again = !finished && rerun;
            rerun = false;
            done = finished;
            scheduled = again;
        }
        if (failure != null) {
            result.completeExceptionally(failure);
        } else if (finished) {
            result.complete(taken);
        } else if (again) {
            submit();
        }
    }

    private void submit() {
        try {
            executor.execute(this::run);
        } catch (RejectedExecutionException e) {
            // the service is closing: answer as a closed service does
            synchronized (this) {
                scheduled = false;
                done = true;
            }
            result.complete(Optional.empty());
        }
    }
}
