package dev.handoffrail.app;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.service.WebhookDispatcher;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loops around the core's background work: the expiry sweeper every {@code HR_SWEEP_INTERVAL_SECONDS}, the
 * webhook dispatcher every 200 ms (sooner while it finds work, and whenever an attempt ends), its attempts on a
 * pool bounded by {@link #DISPATCH_LIMITS}, the retention purge hourly (it deletes only what is past each tenant's
 * retention, so running it more often than daily is harmless). Each work item is
 * cluster-safe in the core; a failing pass is logged once and retried with a capped backoff (see {@link Loop}).
 */
final class BackgroundWorkers {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWorkers.class);
    /** How often the dispatcher looks for due deliveries and free slots. */
    private static final Duration DISPATCH_INTERVAL = Duration.ofMillis(200);
    /**
     * Attempts in flight per instance: 32 in all, at most 4 to one webhook, so a receiver that never answers ties
     * up 4 slots for one timeout each and the others keep theirs.
     */
    static final WebhookDispatcher.Limits DISPATCH_LIMITS = new WebhookDispatcher.Limits(32, 4);
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

    private final ScheduledExecutorService scheduler;
    private final ExecutorService attempts;

    private BackgroundWorkers(ScheduledExecutorService scheduler, ExecutorService attempts) {
        this.scheduler = scheduler;
        this.attempts = attempts;
    }

    static BackgroundWorkers start(HandoffRail rail, Duration sweepInterval) {
        return start(rail, sweepInterval, DISPATCH_INTERVAL);
    }

    /** As {@link #start(HandoffRail, Duration)}, with the dispatcher's tick (tests). */
    static BackgroundWorkers start(HandoffRail rail, Duration sweepInterval, Duration dispatchInterval) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(3, runnable -> {
            Thread thread = new Thread(runnable, "handoffrail-worker");
            thread.setDaemon(true);
            return thread;
        });
        // each loop schedules its next pass as a delayed task: at shutdown those are dropped, not waited for
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        schedule(scheduler, "expiry_sweep", rail.expirySweeper()::runOnce, sweepInterval);
        ExecutorService attempts = Executors.newFixedThreadPool(DISPATCH_LIMITS.total(), runnable -> {
            Thread thread = new Thread(runnable, "handoffrail-webhook-attempt");
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> LOG.atError().setMessage("webhook_attempt_failed_to_record")
                    .setCause(e).log());
            return thread;
        });
        WebhookDispatcher dispatcher = rail.webhookDispatcher();
        Nudge nudge = new Nudge(scheduler);
        // an attempt that ends frees a slot of its webhook: look for that webhook's next delivery at once
        Executor attemptsThenNudge = task -> attempts.execute(() -> {
            try {
                task.run();
            } finally {
                nudge.run();
            }
        });
        IntSupplier dispatchPass = () -> drain(() -> dispatcher.dispatch(attemptsThenNudge, DISPATCH_LIMITS));
        nudge.pass(dispatchPass);
        schedule(scheduler, "webhook_dispatch", dispatchPass, dispatchInterval);
        nudge.run();
        schedule(scheduler, "retention_purge", rail.retentionPurger()::runOnce, PURGE_INTERVAL);
        return new BackgroundWorkers(scheduler, attempts);
    }

    /** Stops scheduling and waits up to {@code grace} for passes in flight (e.g. webhook attempts) to finish. */
    void close(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        scheduler.shutdown();
        attempts.shutdown();
        try {
            if (!scheduler.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                scheduler.shutdownNow();
            }
            // an attempt not finished by then is abandoned: its lease expires and any instance retries it
            if (!attempts.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                attempts.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            attempts.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static void schedule(ScheduledExecutorService scheduler, String name, IntSupplier pass,
                                 Duration interval) {
        new Loop(scheduler, name, pass, interval).next(interval);
    }

    /**
     * One background loop. A failing pass (the database unreachable, say) is logged once, then retried after
     * doubling delays capped at {@link #MAX_BACKOFF} (or the interval, if longer), so an outage neither floods the
     * log nor hammers the database; the first pass that succeeds logs the recovery and restores the interval.
     */
    private static final class Loop {
        private final ScheduledExecutorService scheduler;
        private final String name;
        private final IntSupplier pass;
        private final Duration interval;
        private int failures;

        Loop(ScheduledExecutorService scheduler, String name, IntSupplier pass, Duration interval) {
            this.scheduler = scheduler;
            this.name = name;
            this.pass = pass;
            this.interval = interval;
        }

        void next(Duration delay) {
            try {
                scheduler.schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                // closed: no more passes
            }
        }

        private void run() {
            try {
                int done = pass.getAsInt();
                if (failures > 0) {
                    LOG.atInfo().setMessage(name + "_recovered").addKeyValue("failed_passes", failures).log();
                    failures = 0;
                }
                if (done > 0) {
                    LOG.atDebug().setMessage(name).addKeyValue("items", done).log();
                }
            } catch (RuntimeException e) {
                failures++;
                if (failures == 1) {
                    LOG.atError().setMessage(name + "_failed").setCause(e).log();
                }
            }
            next(failures == 0 ? interval : backoff(interval, failures));
        }
    }

    /**
     * A dispatch pass soon, out of the loop's tick: after an attempt ends (its webhook has a free slot; at most
     * {@code perWebhook} attempts are in flight, so waiting for the 200 ms tick capped one busy webhook at 20
     * deliveries per second: handoffrail-bench measured a backlog of 27 s at 100 events/s) and at start. At most
     * one such pass waits at a time; a nudge during a pass queues the next. Failures are left to the loop, which
     * logs them.
     */
    private static final class Nudge implements Runnable {
        private final ScheduledExecutorService scheduler;
        private final AtomicBoolean pending = new AtomicBoolean();
        private volatile IntSupplier pass;

        Nudge(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
        }

        void pass(IntSupplier value) {
            pass = value;
        }

        @Override
        public void run() {
            if (!pending.compareAndSet(false, true)) {
                return;
            }
            try {
                scheduler.execute(() -> {
                    pending.set(false);
                    try {
                        pass.getAsInt();
                    } catch (RuntimeException failed) {
                        LOG.atDebug().setMessage("webhook_dispatch_nudge_failed").setCause(failed).log();
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                pending.set(false);
            }
        }
    }

    /** {@code interval} doubled per consecutive failure after the first, at most {@link #MAX_BACKOFF}. */
    static Duration backoff(Duration interval, int failures) {
        Duration cap = interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF;
        Duration delay = interval;
        for (int i = 1; i < failures && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    /**
     * Repeats a dispatcher pass while it keeps handing out attempts (it stops when the slots are full or nothing is
     * due), so a burst is not paced at one batch per tick.
     */
    private static int drain(IntSupplier pass) {
        int total = 0;
        for (int i = 0; i < 100; i++) {
            int done = pass.getAsInt();
            total += done;
            if (done == 0 || Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        return total;
    }
}
