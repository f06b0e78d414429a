package dev.handoffrail.app;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.service.WebhookDispatcher;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loops around the core's background work: the expiry sweeper every {@code HR_SWEEP_INTERVAL_SECONDS}, the
 * webhook dispatcher every 200 ms (sooner while it finds work), its attempts on a pool bounded by
 * {@link #DISPATCH_LIMITS}, the retention purge hourly (it deletes only
 * what is past each tenant's retention, so running it more often than daily is harmless). Each work item is
 * cluster-safe in the core; a failing pass is logged and retried on the next tick.
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

    private final ScheduledExecutorService scheduler;
    private final ExecutorService attempts;

    private BackgroundWorkers(ScheduledExecutorService scheduler, ExecutorService attempts) {
        this.scheduler = scheduler;
        this.attempts = attempts;
    }

    static BackgroundWorkers start(HandoffRail rail, Duration sweepInterval) {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "handoffrail-worker");
            thread.setDaemon(true);
            return thread;
        });
        schedule(scheduler, "expiry_sweep", rail.expirySweeper()::runOnce, sweepInterval);
        ExecutorService attempts = Executors.newFixedThreadPool(DISPATCH_LIMITS.total(), runnable -> {
            Thread thread = new Thread(runnable, "handoffrail-webhook-attempt");
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> LOG.atError().setMessage("webhook_attempt_failed_to_record")
                    .setCause(e).log());
            return thread;
        });
        WebhookDispatcher dispatcher = rail.webhookDispatcher();
        schedule(scheduler, "webhook_dispatch", () -> drain(() -> dispatcher.dispatch(attempts, DISPATCH_LIMITS)),
                DISPATCH_INTERVAL);
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
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int done = pass.getAsInt();
                if (done > 0) {
                    LOG.atDebug().setMessage(name).addKeyValue("items", done).log();
                }
            } catch (RuntimeException e) {
                LOG.atError().setMessage(name + "_failed").setCause(e).log();
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
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
