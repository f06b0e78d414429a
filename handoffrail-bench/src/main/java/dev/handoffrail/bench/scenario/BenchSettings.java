package dev.handoffrail.bench.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Sizes of one bench run. {@link #quickMode()} fits the CI smoke test (about 3 minutes); {@link #fullMode()} is the
 * measurement recorded in docs/benchmarks.md.
 *
 * @param full            whether this is the full mode (enables the scale, latency and webhook scenarios)
 * @param warmup          closed-loop warm-up before every throughput measurement
 * @param measure         length of every throughput measurement
 * @param connections     connections for the throughput measurements
 * @param racePackets     packets in the claim race (64 claimers each)
 * @param drainPackets    packets drained by the claim-next workers
 * @param storedPackets   stored active packets for the "create after N stored" and list/search scenarios
 * @param heapPoints      stored packet counts at which the heap after a full GC is read
 * @param appJar          the shaded server jar
 * @param runDirectory    where databases and server logs go
 * @param productLogLevel {@code HR_LOG_LEVEL} of the product
 * @param productWarmup   the shortest warm-up of the product before it is compared with the ceiling
 * @param productWarmupMax the longest: between the two it goes on until the product's JIT has settled
 *                        ({@link WarmUpPolicy}); quick mode warms up for the shortest only
 * @param productJvm      extra JVM options of the product's server
 * @param pool            the connection pool size of both servers on PostgreSQL, without overflow; 0: the product's
 *                        defaults (10 kept open, up to 20) and the ceiling's pool of the same sizes
 */
record BenchSettings(boolean full, Duration warmup, Duration measure, int connections, int racePackets,
        int drainPackets, int storedPackets, List<Integer> heapPoints, Path appJar, Path runDirectory,
        String productLogLevel, Duration productWarmup, Duration productWarmupMax, List<String> productJvm, int pool) {

    static final int RACE_CLAIMERS = 64;
    static final int DRAIN_WORKERS = 8;
    /**
     * The product's default warm-up. The ceiling's few methods compile within the usual warm-up; HandoffRail's
     * request path (pipeline, rules, JSON, JDBC) is far larger, and on 2 cores C2 was still compiling for 40 % of
     * the product's CPU after 20 s (async-profiler, docs/benchmarks.md).
     */
    static final Duration DEFAULT_PRODUCT_WARMUP = Duration.ofSeconds(20);
    /** Full mode's longest warm-up: under the lifecycle load the JIT worked for about 5 minutes (docs/benchmarks.md). */
    static final Duration FULL_PRODUCT_WARMUP_MAX = Duration.ofSeconds(420);

    static BenchSettings quickMode() {
        return new BenchSettings(false, Duration.ofSeconds(2), Duration.ofSeconds(4), 64, 100, 500, 0,
                List.of(), defaultJar(), defaultRunDirectory(), "info", DEFAULT_PRODUCT_WARMUP, DEFAULT_PRODUCT_WARMUP, List.of(),
                0);
    }

    static BenchSettings fullMode() {
        return new BenchSettings(true, Duration.ofSeconds(10), Duration.ofSeconds(20), 64, 1_000, 10_000, 0,
                List.of(), defaultJar(), defaultRunDirectory(), "info", DEFAULT_PRODUCT_WARMUP, FULL_PRODUCT_WARMUP_MAX,
                List.of(), 0).withStoredPackets(1_000_000);
    }

    BenchSettings withStoredPackets(int stored) {
        List<Integer> heap = stored >= 200_000 ? List.of(100_000, 200_000) : List.of(stored / 2, stored);
        return new BenchSettings(full, warmup, measure, connections, racePackets, drainPackets, stored, heap, appJar,
                runDirectory, productLogLevel, productWarmup, productWarmupMax, productJvm, pool);
    }

    BenchSettings withCounts(int race, int drain) {
        return new BenchSettings(full, warmup, measure, connections, race, drain, storedPackets, heapPoints, appJar,
                runDirectory, productLogLevel, productWarmup, productWarmupMax, productJvm, pool);
    }

    BenchSettings withAppJar(Path jar) {
        return new BenchSettings(full, warmup, measure, connections, racePackets, drainPackets, storedPackets,
                heapPoints, jar, runDirectory, productLogLevel, productWarmup, productWarmupMax, productJvm, pool);
    }

    BenchSettings withMeasure(Duration warm, Duration length) {
        return new BenchSettings(full, warm, length, connections, racePackets, drainPackets, storedPackets,
                heapPoints, appJar, runDirectory, productLogLevel, productWarmup, productWarmupMax, productJvm, pool);
    }

    BenchSettings withProduct(Duration warm, List<String> jvm) {
        return new BenchSettings(full, warmup, measure, connections, racePackets, drainPackets, storedPackets,
                heapPoints, appJar, runDirectory, productLogLevel, warm, warm.compareTo(productWarmupMax) > 0 ? warm : productWarmupMax,
                List.copyOf(jvm), pool);
    }

    BenchSettings withProductWarmupMax(Duration longest) {
        return new BenchSettings(full, warmup, measure, connections, racePackets, drainPackets, storedPackets,
                heapPoints, appJar, runDirectory, productLogLevel, productWarmup,
                longest.compareTo(productWarmup) > 0 ? longest : productWarmup, productJvm, pool);
    }

    /** The warm-up of a server before a comparison, at least {@code minimum} (full mode: until its JIT settled). */
    WarmUpPolicy warmUpPolicy(Duration minimum) {
        return WarmUpPolicy.between(minimum, full ? productWarmupMax : minimum);
    }

    BenchSettings withPool(int size) {
        if (size < 0 || size > 1_000) {
            throw new IllegalArgumentException("--pool must be 0 (the product's defaults) to 1000, got " + size);
        }
        return new BenchSettings(full, warmup, measure, connections, racePackets, drainPackets, storedPackets,
                heapPoints, appJar, runDirectory, productLogLevel, productWarmup, productWarmupMax, productJvm, size);
    }

    private static Path defaultJar() {
        return Path.of("handoffrail-app", "target", "handoffrail.jar");
    }

    private static Path defaultRunDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "handoffrail-bench");
    }
}
