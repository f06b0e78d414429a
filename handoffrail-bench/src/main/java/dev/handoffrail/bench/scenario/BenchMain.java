package dev.handoffrail.bench.scenario;

import dev.handoffrail.bench.process.MachineLoad;
import dev.handoffrail.bench.process.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The scenario runner: {@code quick} (the CI smoke test, about 3 minutes) or {@code full} (the documented
 * measurement). For each database it starts the ceiling and HandoffRail (from its jar), each on a fresh database,
 * measures create, then create → claim → complete, on both in alternating rounds with the same client, stops the
 * ceiling and runs the remaining scenarios on HandoffRail; then it prints the Markdown table and exits 1 when a
 * collapse check failed.
 *
 * <p>Options: {@code --jar <path>} (default {@code handoffrail-app/target/handoffrail.jar}), {@code --stored <n>}
 * (full mode: stored packets for the scale scenarios, default 1,000,000; the heap is read at 100,000 and 200,000,
 * or at half and all of a smaller count), {@code --measure <seconds>},
 * {@code --race <packets>} (default 1,000; quick 100), {@code --drain <packets>} (default 10,000; quick 500),
 * {@code --databases sqlite,postgresql}, {@code --markdown <file>} (also write the table there), {@code --jfr}
 * (record HandoffRail with JFR's profile settings into {@code <run directory>/handoffrail-<database>.jfr}),
 * {@code --product-warmup <seconds>} (the product's shortest warm-up, default 20), {@code --product-warmup-max
 * <seconds>} (full mode: the longest, default 420; in between it lasts until the product's JIT has settled),
 * {@code --product-jvm '<options>'}
 * (extra JVM options of HandoffRail's server, e.g. an async-profiler agent), {@code --pool <n>} (PostgreSQL: both servers
 * with a connection pool of n, HandoffRail through {@code HR_DB_POOL_SIZE=n HR_DB_MAX_OVERFLOW=0}; default: the
 * product's default sizes, 10 and 10 more, in both).
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !(args[0].equals("quick") || args[0].equals("full"))) {
            System.err.println("usage: bench quick|full [--jar path] [--stored n] [--measure seconds] [--race n]"
                    + " [--drain n] [--databases sqlite,postgresql] [--markdown file] [--jfr]"
                    + " [--product-warmup seconds] [--product-warmup-max seconds] [--product-jvm 'options'] [--pool n]");
            System.exit(2);
        }
        BenchSettings settings = args[0].equals("full") ? BenchSettings.fullMode() : BenchSettings.quickMode();
        List<String> databases = List.of("sqlite", "postgresql");
        Path markdown = null;
        boolean jfr = false;
        for (int i = 1; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--jfr")) {
                jfr = true;
                continue;
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--jar" -> settings = settings.withAppJar(Path.of(value));
                case "--stored" -> settings = settings.withStoredPackets(Integer.parseInt(value));
                case "--measure" -> settings = settings.withMeasure(
                        Duration.ofSeconds(Math.max(1, Long.parseLong(value) / 2)),
                        Duration.ofSeconds(Long.parseLong(value)));
                case "--race" -> settings = settings.withCounts(Integer.parseInt(value), settings.drainPackets());
                case "--drain" -> settings = settings.withCounts(settings.racePackets(), Integer.parseInt(value));
                case "--product-warmup-max" -> settings = settings.withProductWarmupMax(
                        Duration.ofSeconds(Long.parseLong(value)));
                case "--pool" -> settings = settings.withPool(Integer.parseInt(value));
                case "--databases" -> databases = List.of(value.toLowerCase(Locale.ROOT).split(","));
                case "--markdown" -> markdown = Path.of(value);
                case "--product-warmup" -> settings = settings.withProduct(
                        Duration.ofSeconds(Long.parseLong(value)), settings.productJvm());
                case "--product-jvm" -> settings = settings.withProduct(settings.productWarmup(),
                        List.of(value.trim().split("\\s+")));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        ResultTable table = new ResultTable();
        Instant start = Instant.now();
        String before = machine();
        System.out.println("bench " + args[0] + ": " + before);
        for (String database : databases) {
            runOn(database, new Measurer(settings, table), jfr);
        }
        String result = "Bench " + args[0] + " in " + Duration.between(start, Instant.now()).toSeconds() + " s; at the"
                + " start: " + before + "; at the end: load average " + MachineLoad.oneMinute() + "\n\n"
                + table.markdown();
        System.out.println();
        System.out.println(result);
        if (markdown != null) {
            Files.writeString(markdown, result);
        }
        System.exit(table.failures().isEmpty() ? 0 : 1);
    }

    /** The ceiling is stopped as soon as its figures are taken, so it uses no CPU during the later scenarios. */
    @SuppressWarnings("try")
    private static void runOn(String name, Measurer measurer, boolean jfr) throws Exception {
        BenchSettings settings = measurer.settings();
        String suffix = Long.toString(System.currentTimeMillis() % 1_000_000);
        CreateScenarios creates = new CreateScenarios(measurer);
        List<String> jfrOptions = new java.util.ArrayList<>(settings.productJvm());
        if (jfr) {
            jfrOptions.add("-XX:StartFlightRecording=settings=profile,filename="
                    + settings.runDirectory().resolve("handoffrail-" + name + ".jfr").toAbsolutePath());
        }
        try (Database ceilingDatabase = open(name, settings, "ceiling_" + suffix);
             Database database = open(name, settings, "handoffrail_" + suffix);
             ServerProcess ceilingServer = Servers.ceiling(settings, ceilingDatabase);
             Servers.Rail rail = Servers.handoffRail(settings, database, jfrOptions)) {
            String label = database.label();
            ServerProcess server = rail.process();
            Tenants tenants = new Tenants(server.port(), rail.bootstrapKey(), suffix);
            CreateScenarios.Ceiling ceiling = creates.create(ceilingServer, server, tenants.fresh("create"), label);
            creates.createClaimComplete(ceilingServer, server, tenants.fresh("lifecycle"), label, ceiling);
            if (settings.full()) {
                creates.constantRate(ceilingServer, server, tenants.fresh("rate"), label, ceiling);
            }
            ceilingServer.close();
            ClaimScenarios claims = new ClaimScenarios(measurer);
            claims.race(server, tenants.fresh("race"), label);
            claims.drain(server, tenants.fresh("drain"), label);
            if (settings.full()) {
                new WebhookScenario(measurer).run(server, tenants.fresh("webhook"), label);
                new ScaleScenarios(measurer).run(server, tenants.fresh("scale"), tenants.fresh("small"), database,
                        ceiling, ceilingDatabase);
            }
        }
    }

    private static Database open(String name, BenchSettings settings, String databaseName)
            throws IOException, SQLException {
        return switch (name) {
            case "sqlite" -> Database.sqlite(settings.runDirectory(), databaseName);
            case "postgresql" -> Database.postgres("bench_" + databaseName);
            default -> throw new IllegalArgumentException("unknown database " + name + " (sqlite, postgresql)");
        };
    }

    /** Cores, JDK and load average: the conditions every figure depends on. */
    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, JDK " + Runtime.version() + ", load average "
                + MachineLoad.oneMinute();
    }

    /** Fresh business tenants with an admin key each, so that scenarios never see each other's packets. */
    record Tenants(int port, String bootstrapKey, String suffix) {
        String fresh(String purpose) {
            try (RailClient client = new RailClient(port)) {
                return client.businessTenantAdminKey(bootstrapKey, "bench-" + purpose + "-" + suffix);
            }
        }
    }
}
