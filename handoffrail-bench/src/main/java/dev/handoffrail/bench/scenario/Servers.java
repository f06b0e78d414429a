package dev.handoffrail.bench.scenario;

import dev.handoffrail.bench.ceiling.CeilingServer;
import dev.handoffrail.bench.process.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the two kinds of server under test as separate JVMs with the same JVM options: HandoffRail from its
 * shaded jar, configured only through {@code HR_*} variables, and the {@link CeilingServer} from this module's
 * class path.
 */
final class Servers {
    /** The same JVM options for every server, so that the comparison is fair. */
    static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC");

    /**
     * Business tier with every count unlimited (-1), so quotas and rate limits never answer instead of the work
     * being measured.
     */
    static final String UNLIMITED_BUSINESS = "{\"business\":{\"handoffs_per_day\":-1,\"unlimited_handoffs\":true,"
            + "\"max_agents\":-1,\"requests_per_hour\":-1,\"requests_per_minute\":-1,\"max_webhooks\":-1}}";

    private Servers() {
    }

    /** A running HandoffRail with its bootstrap platform-admin key. */
    record Rail(ServerProcess process, String bootstrapKey) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    static Rail handoffRail(BenchSettings settings, Database database, List<String> extraJvmOptions)
            throws IOException {
        if (!Files.isRegularFile(settings.appJar())) {
            throw new IOException("no server jar at " + settings.appJar().toAbsolutePath()
                    + ": build it first with mvn -q -o package -DskipTests (or verify)");
        }
        int port = ServerProcess.freePort();
        String bootstrapKey = RailClient.newKeyString();
        Map<String, String> environment = productEnvironment(settings, database.productUrl(), port, bootstrapKey);
        List<String> jvm = new ArrayList<>(JVM_OPTIONS);
        jvm.addAll(extraJvmOptions);
        ServerProcess process = ServerProcess.start("handoffrail-" + database.label(), port, jvm,
                List.of("-jar", settings.appJar().toString()), environment, settings.runDirectory(), "/ready");
        return new Rail(process, bootstrapKey);
    }

    /** HandoffRail's environment: unlimited business quotas, and the run's pool size when it sets one. */
    static Map<String, String> productEnvironment(BenchSettings settings, String databaseUrl, int port,
                                                  String bootstrapKey) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "HR_HOST", "127.0.0.1",
                "HR_PORT", Integer.toString(port),
                "HR_DATABASE_URL", databaseUrl,
                "HR_BOOTSTRAP_ADMIN_KEY", bootstrapKey,
                "HR_TIER_QUOTAS", UNLIMITED_BUSINESS,
                "HR_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1",
                "HR_ENVIRONMENT", "dev",
                "HR_LOG_LEVEL", settings.productLogLevel()));
        if (settings.pool() > 0) {
            environment.put("HR_DB_POOL_SIZE", Integer.toString(settings.pool()));
            environment.put("HR_DB_MAX_OVERFLOW", "0");
        }
        return Map.copyOf(environment);
    }

    static ServerProcess ceiling(BenchSettings settings, Database database) throws IOException {
        int port = ServerProcess.freePort();
        return ServerProcess.start("ceiling-" + database.label(), port, JVM_OPTIONS,
                List.of("-cp", System.getProperty("java.class.path"), CeilingServer.class.getName(),
                        Integer.toString(port), database.jdbcUrl(), Integer.toString(settings.pool())),
                Map.of(), settings.runDirectory(), "/health");
    }
}
