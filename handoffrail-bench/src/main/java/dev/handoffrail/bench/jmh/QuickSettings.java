package dev.handoffrail.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run settings every benchmark here inherits (JMH reads these annotations from superclasses): throughput in
 * operations per second, one fork, 3 × 1 s warm-up and 5 × 1 s measurement — about 10 s per benchmark, so the whole
 * suite runs in about two minutes. Override on the command line (e.g. {@code -f 3 -i 10}) for tighter errors.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class QuickSettings {
}
