package dev.handoffrail.app;

import dev.handoffrail.core.HandoffRail;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loops around the core's background work: the expiry sweeper every {@code HR_SWEEP_INTERVAL_SECONDS}, the
 * webhook dispatcher every second (sooner while it finds work), the retention purge hourly (it deletes only
 * what is past each tenant's retention, so running it more often than daily is harmless). Each work item is
 * cluster-safe in the core; a failing pass is logged and retried on the next tick.
 */
final class BackgroundWorkers {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWorkers.class);
    private static final Duration DISPATCH_INTERVAL = Duration.ofSeconds(1);
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private final ScheduledExecutorService scheduler;

    private BackgroundWorkers(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    static BackgroundWorkers start(HandoffRail rail, Duration sweepInterval) {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "handoffrail-worker");
            thread.setDaemon(true);
            return thread;
        });
        schedule(scheduler, "expiry_sweep", rail.expirySweeper()::runOnce, sweepInterval);
        schedule(scheduler, "webhook_dispatch", () -> drain(rail.webhookDispatcher()::runOnce), DISPATCH_INTERVAL);
        schedule(scheduler, "retention_purge", rail.retentionPurger()::runOnce, PURGE_INTERVAL);
        return new BackgroundWorkers(scheduler);
    }

    /** Stops scheduling and waits up to {@code grace} for passes in flight (e.g. webhook attempts) to finish. */
    void close(Duration grace) {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
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

    /** Repeats a dispatcher pass while it keeps finding due deliveries, so a burst is not paced at one per tick. */
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
