package dev.handoffrail.bench.scenario;

import dev.handoffrail.bench.load.LoadDriver;
import dev.handoffrail.bench.load.LoadResult;
import dev.handoffrail.bench.load.Operation;
import dev.handoffrail.bench.process.CompilerProbe;
import dev.handoffrail.bench.process.MachineLoad;
import dev.handoffrail.bench.process.ServerProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Runs one load against one server process and turns it into a table row with the server's CPU use over the same
 * interval. Not thread-safe.
 */
final class Measurer {
    private final BenchSettings settings;
    private final ResultTable table;

    Measurer(BenchSettings settings, ResultTable table) {
        this.settings = settings;
        this.table = table;
    }

    BenchSettings settings() {
        return settings;
    }


    ResultTable table() {
        return table;
    }

    /** A closed-loop warm-up (discarded) followed by a measured closed-loop run of {@code settings.measure()}. */
    ResultTable.Row throughput(String scenario, String serverLabel, ServerProcess server, double reference,
            Operation operation) {
        LoadDriver driver = new LoadDriver(server.port());
        driver.closedLoop(settings.connections(), Long.MAX_VALUE, settings.warmup(), operation);
        return measure(scenario, serverLabel, server, reference, "",
                d -> d.closedLoop(settings.connections(), Long.MAX_VALUE, settings.measure(), operation));
    }

    /**
     * Ceilings and the product measured in alternating rounds (each ceiling, then the product, again and again),
     * each round a closed loop of {@code settings.measure() / rounds}, after a warm-up of each (the product at least
     * {@link BenchSettings#productWarmup()}). On a machine shared with other work the load then changes for all
     * alike, so their ratios stay meaningful. Adds a row per ceiling, then the product's row; every row after the
     * first has its ratio to the first ceiling. Returns the rows in that order.
     */
    ResultTable.Row[] alternating(String scenario, int rounds, List<Side> ceilings, Side product) {
        return alternating(scenario, rounds, ceilings, product, productWarmup(), 0);
    }

    /**
     * As {@link #alternating(String, int, List, Side)}, with the product warmed up for {@code productWarmup} and,
     * when {@code reference} is above 0, every row's ratio to {@code reference} instead of to the first ceiling.
     */
    ResultTable.Row[] alternating(String scenario, int rounds, List<Side> ceilings, Side product,
                                  Duration productWarmup, double reference) {
        Duration round = settings.measure().dividedBy(rounds);
        List<Side> sides = new ArrayList<>(ceilings);
        sides.add(product);
        for (Side ceiling : ceilings) {
            warmUp(scenario, ceiling, settings.warmUpPolicy(settings.warmup()));
        }
        warmUp(scenario, product, settings.warmUpPolicy(productWarmup));
        Sample[] samples = new Sample[sides.size()];
        for (int i = 0; i < rounds; i++) {
            for (int side = 0; side < sides.size(); side++) {
                samples[side] = Sample.plus(samples[side], sample(sides.get(side), round));
            }
        }
        ResultTable.Row[] rows = new ResultTable.Row[sides.size()];
        for (int side = 0; side < sides.size(); side++) {
            double ratioTo = reference > 0 ? reference : side == 0 ? 0 : rows[0].result().throughput();
            rows[side] = table.add(samples[side].row(scenario, sides.get(side).label(), ratioTo));
        }
        return rows;
    }

    /**
     * The product's warm-up before its first measured round: at least {@link BenchSettings#productWarmup()}. The ceiling's few
     * methods are compiled within the usual warm-up; HandoffRail's request path (pipeline, rules, JSON, JDBC) was
     * still being compiled then, and measured at a quarter of its warm throughput.
     */
    private Duration productWarmup() {
        Duration minimum = settings.productWarmup();
        return settings.warmup().compareTo(minimum) >= 0 ? settings.warmup() : minimum;
    }

    /**
     * Drives {@code side} as the policy says: a fixed warm-up, or windows until its JIT compilers have settled;
     * the latter adds a fact line with how long it took and what the compilers did in the last window. In full
     * mode ceilings wait for their compilers too: the durable ceiling's throughput was still rising after 40 s.
     */
    private void warmUp(String scenario, Side side, WarmUpPolicy policy) {
        LoadDriver driver = new LoadDriver(side.server().port());
        if (!policy.waitsForCompiler()) {
            driver.closedLoop(settings.connections(), Long.MAX_VALUE, policy.minimum(), side.operation());
            return;
        }
        long pid = side.server().pid();
        Duration elapsed = Duration.ZERO;
        try {
            Duration compiledBefore = CompilerProbe.compileTime(pid);
            while (true) {
                driver.closedLoop(settings.connections(), Long.MAX_VALUE, policy.window(), side.operation());
                elapsed = elapsed.plus(policy.window());
                Duration compiledAfter = CompilerProbe.compileTime(pid);
                Duration compiled = compiledAfter.minus(compiledBefore);
                compiledBefore = compiledAfter;
                WarmUpPolicy.Next next = policy.after(elapsed, compiled, policy.window());
                if (next != WarmUpPolicy.Next.CONTINUE) {
                    table.fact(String.format(Locale.ROOT, "%s: %s warmed up for %d s; its JIT compilers"
                            + " worked %.1f s in the last %d s (%s)", scenario, side.label(), elapsed.toSeconds(),
                            compiled.toMillis() / 1000.0, policy.window().toSeconds(),
                            next == WarmUpPolicy.Next.SETTLED ? "settled" : "not settled within the longest"
                                    + " warm-up, " + policy.maximum().toSeconds() + " s"));
                    return;
                }
            }
        } catch (IOException e) {
            Duration rest = policy.minimum().minus(elapsed);
            if (!rest.isNegative() && !rest.isZero()) {
                driver.closedLoop(settings.connections(), Long.MAX_VALUE, rest, side.operation());
            }
            table.fact(scenario + ": " + side.label() + " warmed up for the shortest warm-up only; its compilers"
                    + " could not be read (" + e.getMessage() + ")");
        }
    }

    /** A server, its label in the table and the operation that drives it. */
    record Side(ServerProcess server, String label, Operation operation) {
    }

    private Sample sample(Side side, Duration length) {
        Duration cpuBefore = side.server().cpuTime();
        LoadResult result = new LoadDriver(side.server().port()).closedLoop(settings.connections(), Long.MAX_VALUE,
                length, side.operation());
        return new Sample(result, side.server().cpuTime().minus(cpuBefore));
    }

    private record Sample(LoadResult result, Duration cpu) {
        static Sample plus(Sample sum, Sample next) {
            return sum == null ? next : new Sample(sum.result.plus(next.result), sum.cpu.plus(next.cpu));
        }

        ResultTable.Row row(String scenario, String label, double reference) {
            double cores = result.elapsedNanos() == 0 ? 0 : (double) cpu.toNanos() / result.elapsedNanos();
            return new ResultTable.Row(scenario, label, result, cores, reference, "", MachineLoad.oneMinute());
        }
    }

    /** One measured run of {@code load} with the server's CPU over it. */
    ResultTable.Row measure(String scenario, String serverLabel, ServerProcess server, double reference, String note,
            Function<LoadDriver, LoadResult> load) {
        Duration cpuBefore = server.cpuTime();
        LoadResult result = load.apply(new LoadDriver(server.port()));
        Duration cpu = server.cpuTime().minus(cpuBefore);
        double cores = result.elapsedNanos() == 0 ? 0 : (double) cpu.toNanos() / result.elapsedNanos();
        return table.add(new ResultTable.Row(scenario, serverLabel, result, cores, reference, note,
                MachineLoad.oneMinute()));
    }
}
