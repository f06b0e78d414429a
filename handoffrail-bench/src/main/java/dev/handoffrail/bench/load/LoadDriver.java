package dev.handoffrail.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Drives one local server with a fixed number of connections, one thread per connection.
 *
 * <ul>
 *   <li><b>Closed loop</b> ({@link #closedLoop}): each connection starts its next operation as soon as the previous
 *       one answered; the result is the maximum throughput at that concurrency.</li>
 *   <li><b>Constant rate</b> ({@link #constantRate}): operation {@code i} is due at {@code start + i / rate}; a
 *       free connection takes the next due operation, waits for its due time and records the latency from that
 *       intended time, so queueing behind a slow response is counted instead of hidden.</li>
 * </ul>
 * A run stops at whichever comes first of the operation limit and the time limit. Thread-safe to call from one
 * thread at a time; each call uses its own threads and connections, closed before it returns.
 */
public final class LoadDriver {
    private static final long MAX_TRACKABLE_MICROS = Duration.ofMinutes(5).toNanos() / 1_000;

    private final int port;

    /** A driver for the server listening on 127.0.0.1:{@code port}. */
    public LoadDriver(int port) {
        this.port = port;
    }

    /** Closed-loop run: at most {@code maxOperations} operations or {@code duration}, on {@code connections}. */
    public LoadResult closedLoop(int connections, long maxOperations, Duration duration, Operation operation) {
        return run(connections, maxOperations, duration, operation, 0);
    }

    /**
     * Constant-rate run at {@code perSecond} operations per second for {@code duration}, with up to
     * {@code connections} operations in flight. Operations not started 10 s after {@code duration} are dropped:
     * compare {@link LoadResult#operations()} with the number scheduled.
     */
    public LoadResult constantRate(int connections, double perSecond, Duration duration, Operation operation) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + perSecond);
        }
        long count = (long) Math.floor(perSecond * duration.toNanos() / 1e9);
        // a server that falls behind gets a short grace period, then the unsent rest is dropped (and reported)
        return run(connections, count, duration.plusSeconds(10), operation, 1e9 / perSecond);
    }

    private LoadResult run(int connections, long maxOperations, Duration duration, Operation operation,
            double nanosBetweenStarts) {
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Worker> workers = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            Worker worker = new Worker(operation, next, maxOperations, start, deadline, nanosBetweenStarts);
            workers.add(worker);
            worker.thread.start();
        }
        Histogram latency = new Histogram(MAX_TRACKABLE_MICROS, 3);
        long operations = 0;
        long errors = 0;
        long end = start;
        for (Worker worker : workers) {
            worker.join();
            latency.add(worker.latency);
            operations += worker.operations;
            errors += worker.errors;
            end = Math.max(end, worker.lastEnd);
        }
        return new LoadResult(operations, errors, end - start, latency);
    }

    private final class Worker implements Runnable {
        private final Operation operation;
        private final AtomicLong next;
        private final long maxOperations;
        private final long start;
        private final long deadline;
        private final double nanosBetweenStarts;
        private final Histogram latency = new Histogram(MAX_TRACKABLE_MICROS, 3);
        private final Thread thread = new Thread(this, "load-driver");
        private long operations;
        private long errors;
        private long lastEnd;

        Worker(Operation operation, AtomicLong next, long maxOperations, long start, long deadline,
                double nanosBetweenStarts) {
            this.operation = operation;
            this.next = next;
            this.maxOperations = maxOperations;
            this.start = start;
            this.deadline = deadline;
            this.nanosBetweenStarts = nanosBetweenStarts;
        }

        @Override
        public void run() {
            try (HttpConnection connection = new HttpConnection(port)) {
                while (true) {
                    long sequence = next.getAndIncrement();
                    if (sequence >= maxOperations || System.nanoTime() >= deadline) {
                        return;
                    }
                    long intended = nanosBetweenStarts > 0
                            ? start + (long) (sequence * nanosBetweenStarts) : System.nanoTime();
                    waitUntil(intended);
                    boolean ok = runOnce(connection, sequence);
                    long now = System.nanoTime();
                    latency.recordValue(Math.min(MAX_TRACKABLE_MICROS, Math.max(0, (now - intended) / 1_000)));
                    operations++;
                    if (!ok) {
                        errors++;
                    }
                    lastEnd = now;
                }
            }
        }

        private boolean runOnce(HttpConnection connection, long sequence) {
            try {
                return operation.run(connection, sequence);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        private void waitUntil(long nanoTime) {
            for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }

        void join() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the load to finish", e);
            }
        }
    }
}
