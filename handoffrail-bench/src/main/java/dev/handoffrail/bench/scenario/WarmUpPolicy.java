package dev.handoffrail.bench.scenario;

import java.time.Duration;

/**
 * How long HandoffRail is warmed up before a comparison. Its request path is large, and on 2 cores under load its
 * JIT compilers kept working for minutes (docs/benchmarks.md), so a fixed warm-up measured a partly compiled
 * server. The warm-up lasts at least {@code minimum}; then, in windows of {@code window}, it goes on until the
 * compilers worked at most {@code settledShare} of the last window (summed over compiler threads), or until
 * {@code maximum} has passed. A {@code maximum} not above {@code minimum} makes it a fixed warm-up.
 */
record WarmUpPolicy(Duration minimum, Duration maximum, Duration window, double settledShare) {
    static final Duration WINDOW = Duration.ofSeconds(10);
    /** A compiler busy for a tenth of a window: what is left is rarely taken paths, not the request path. */
    static final double SETTLED_SHARE = 0.10;

    WarmUpPolicy {
        if (minimum.isNegative() || window.isZero() || window.isNegative() || settledShare <= 0) {
            throw new IllegalArgumentException("bad warm-up policy: minimum " + minimum + ", window " + window
                    + ", settled share " + settledShare);
        }
    }

    static WarmUpPolicy between(Duration minimum, Duration maximum) {
        return new WarmUpPolicy(minimum, maximum, WINDOW, SETTLED_SHARE);
    }

    /** Whether the warm-up waits for the compilers at all (else it lasts exactly {@code minimum}). */
    boolean waitsForCompiler() {
        return maximum.compareTo(minimum) > 0;
    }

    /** What ends or continues the warm-up. */
    enum Next {
        CONTINUE, SETTLED, AT_MAXIMUM
    }

    /**
     * The decision after a window: {@code elapsed} is the warm-up so far, {@code compiled} the compilers' time
     * during the window that just ended, of length {@code lastWindow}.
     */
    Next after(Duration elapsed, Duration compiled, Duration lastWindow) {
        if (elapsed.compareTo(minimum) < 0) {
            return Next.CONTINUE;
        }
        if (compiled.toNanos() <= settledShare * lastWindow.toNanos()) {
            return Next.SETTLED;
        }
        return elapsed.compareTo(maximum) >= 0 ? Next.AT_MAXIMUM : Next.CONTINUE;
    }
}
