package dev.handoffrail.bench.load;

import org.HdrHistogram.Histogram;

/**
 * What one load run measured. Latencies are in microseconds in {@code latency}; in constant-rate mode they count
 * from each operation's intended start, so a stalled server shows its full delay (no coordinated omission).
 *
 * @param operations   operations completed (including errors)
 * @param errors       operations with an unexpected status or a failed connection
 * @param elapsedNanos wall time from the first start to the last completion
 * @param latency      latency histogram in microseconds
 */
public record LoadResult(long operations, long errors, long elapsedNanos, Histogram latency) {

    /** Operations per second over the run. */
    public double throughput() {
        return elapsedNanos == 0 ? 0 : operations * 1e9 / elapsedNanos;
    }

    /** The latency at {@code percentile} (0–100) in milliseconds. */
    public double millisAt(double percentile) {
        return latency.getValueAtPercentile(percentile) / 1_000.0;
    }

    /** The largest latency in milliseconds. */
    public double maxMillis() {
        return latency.getMaxValue() / 1_000.0;
    }

    /** Elapsed wall time in seconds. */
    public double seconds() {
        return elapsedNanos / 1e9;
    }

    /** This result and {@code other} as one run: counts, times and histograms added. */
    public LoadResult plus(LoadResult other) {
        Histogram both = latency.copy();
        both.add(other.latency);
        return new LoadResult(operations + other.operations, errors + other.errors,
                elapsedNanos + other.elapsedNanos, both);
    }
}
