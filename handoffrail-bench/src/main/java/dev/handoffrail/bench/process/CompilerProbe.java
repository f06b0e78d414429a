package dev.handoffrail.bench.process;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long another JVM's JIT compilers have worked so far: HotSpot's performance counters {@code java.ci.totalTime}
 * (ticks of its high-resolution timer, summed over the compiler threads) and {@code sun.os.hrt.frequency} (ticks
 * per second), read with {@code jcmd <pid> PerfCounter.print}.
 */
public final class CompilerProbe {
    private static final Pattern TOTAL_TIME = Pattern.compile("(?m)^java\\.ci\\.totalTime=(\\d+)$");
    private static final Pattern FREQUENCY = Pattern.compile("(?m)^sun\\.os\\.hrt\\.frequency=(\\d+)$");

    private CompilerProbe() {
    }

    /** The compilers' total time in process {@code pid} so far. */
    public static Duration compileTime(long pid) throws IOException {
        return parse(Jcmd.run(pid, "PerfCounter.print"));
    }

    /** The compilers' total time in the output of {@code PerfCounter.print}. */
    static Duration parse(String counters) throws IOException {
        Matcher ticks = TOTAL_TIME.matcher(counters);
        Matcher frequency = FREQUENCY.matcher(counters);
        if (!ticks.find() || !frequency.find() || Long.parseLong(frequency.group(1)) == 0) {
            throw new IOException("no java.ci.totalTime and sun.os.hrt.frequency in PerfCounter.print output");
        }
        double seconds = Double.parseDouble(ticks.group(1)) / Long.parseLong(frequency.group(1));
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
