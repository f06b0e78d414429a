package dev.handoffrail.core.service;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads behind waiting claim-next calls, made on first use: {@value #ATTEMPT_THREADS} that run the attempts
 * woken by the event bus (any number of waiting calls share them) and one timer that ends calls at their deadline.
 * Daemon threads; {@link #close()} lets queued attempts finish and refuses new ones. Thread-safe.
 */
final class ClaimNextExecutors implements AutoCloseable {
    static final int ATTEMPT_THREADS = 4;

    private ExecutorService attempts;
    private ScheduledExecutorService timer;
    private boolean closed;

    synchronized ExecutorService attempts() {
        if (attempts == null) {
            attempts = Executors.newFixedThreadPool(ATTEMPT_THREADS, threads("handoffrail-claim-next-"));
            if (closed) {
                attempts.shutdown();
            }
        }
        return attempts;
    }

    synchronized ScheduledExecutorService timer() {
        if (timer == null) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                    threads("handoffrail-claim-next-timer-"));
            executor.setRemoveOnCancelPolicy(true);
            timer = executor;
            if (closed) {
                timer.shutdown();
            }
        }
        return timer;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (attempts != null) {
            attempts.shutdown();
        }
        if (timer != null) {
            timer.shutdown();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
