package dev.handoffrail.client;

import java.time.Duration;

/** How the client waits between attempts; {@link #system()} really sleeps, tests may record instead. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep(long)}. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
