package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ConnectException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the real server (a child JVM running {@link Main}) in the middle of concurrent creates, claims and
 * completes, then a restart on the same database: every create, claim and complete the clients saw acknowledged
 * (201/200) is there with its history and its outbox rows, and nothing is half-written (every stored packet has
 * exactly the history and outbox rows of its status, and the per-agent counters match the packets). On SQLite
 * and on PostgreSQL (a fresh database per test).
 */
class CrashSafetyTest {
    private static final String ADMIN_KEY = "hr_crashSafetyBootstrapKey_0123456789abc";
    private static final String PACKET = """
            {"metadata": {"source_agent": {"id": "sales-01", "name": "SalesBot"},
                          "target_agent": {"id": "billing-01", "name": "BillingBot"}},
             "context": {"summary": "Crash test handoff"}}""";
    private static final String CLAIM = "{\"agent_id\": \"billing-01\", \"agent_name\": \"BillingBot\"}";
    private static final int CLIENTS = 6;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 240;

    @TempDir
    Path dir;

    @Test
    void on_sqlite_a_kill_9_loses_no_acknowledged_write_and_leaves_nothing_half_written() throws Exception {
        Path file = dir.resolve("crash.db");
        crashAndCheck("sqlite:///" + file, "jdbc:sqlite:" + file);
    }

    @Test
    void on_postgresql_a_kill_9_loses_no_acknowledged_write_and_leaves_nothing_half_written() throws Exception {
        try (LocalPostgres database = LocalPostgres.createOrSkip()) {
            crashAndCheck(database.url(), database.jdbcUrl());
        }
    }

    private void crashAndCheck(String databaseUrl, String jdbcUrl) throws Exception {
        int port = DatabaseOutageTest.freePort();
        Map<String, String> env = env(databaseUrl, port);
        Acknowledged acknowledged = new Acknowledged();
        Process server = startServer(env);
        try {
            ApiClient api = new ApiClient(port, ADMIN_KEY);
            assertThat(api.send("POST", "/api/v1/hooks", "{\"url\": \"http://127.0.0.1:9/hook\", \"events\": "
                    + "[\"packet.created\", \"packet.claimed\", \"packet.completed\"], "
                    + "\"secret\": \"whsec_crash_safety_secret\"}").status()).isEqualTo(201);
            runUntilKilled(api, server, acknowledged);
        } finally {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        Process restarted = startServer(env);
        try {
            ApiClient api = new ApiClient(port, ADMIN_KEY);
            for (String id : acknowledged.created) {
                assertThat(api.get("/api/v1/packets/" + id).status()).as("acknowledged create %s", id).isEqualTo(200);
            }
            for (String id : acknowledged.claimed) {
                assertThat(history(api, id)).as("acknowledged claim %s", id).startsWith("created", "claimed");
            }
            for (String id : acknowledged.completed) {
                assertThat(history(api, id)).as("acknowledged complete %s", id)
                        .containsExactly("created", "claimed", "completed");
                assertThat(api.get("/api/v1/packets/" + id).body().get("status").asText()).isEqualTo("completed");
            }
        } finally {
            restarted.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        Consistency stored = Consistency.read(jdbcUrl);
        assertThat(stored.packets.keySet()).containsAll(acknowledged.created);
        assertThat(stored.halfWritten()).as("packets whose history or outbox does not match their status").isEmpty();
        assertThat(stored.countersMatch()).as("tenant_agents counts equal the active packets").isTrue();
        assertThat(stored.packetCounts()).as("packet_counts by status equal the packets")
                .isEqualTo(stored.packetsByStatus());
        System.out.printf("crash %s: killed after %d acknowledged writes (%d creates, %d claims, %d completes); "
                + "%d packets stored and checked, 0 lost, 0 half-written%n",
                databaseUrl.startsWith("sqlite") ? "sqlite" : "postgresql", acknowledged.total(),
                acknowledged.created.size(), acknowledged.claimed.size(), acknowledged.completed.size(),
                stored.packets.size());
    }

    /** Clients create, claim and complete until enough is acknowledged; then the server is killed mid-flight. */
    private static void runUntilKilled(ApiClient api, Process server, Acknowledged acknowledged) throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    while (!killed.get()) {
                        try {
                            ApiClient.Reply created = api.send("POST", "/api/v1/packets", PACKET);
                            if (created.status() != 201) {
                                throw new AssertionError("create answered " + created.status() + " " + created.body());
                            }
                            String id = created.body().get("id").asText();
                            acknowledged.created.add(id);
                            if (api.send("POST", "/api/v1/packets/" + id + "/claim", CLAIM).status() == 200) {
                                acknowledged.claimed.add(id);
                                if (api.send("PATCH", "/api/v1/packets/" + id, "{\"status\": \"completed\"}")
                                        .status() == 200) {
                                    acknowledged.completed.add(id);
                                }
                            }
                        } catch (java.io.IOException cutOff) {
                            if (!killed.get()) {
                                throw cutOff;
                            }
                        }
                    }
                    return null;
                }));
            }
            DatabaseOutageTest.await(120_000, () -> acknowledged.total() >= ACKNOWLEDGED_BEFORE_KILL
                    || running.stream().anyMatch(Future::isDone), "enough acknowledged writes");
            killed.set(true);
            server.destroyForcibly();   // SIGKILL: no shutdown hook, no graceful close
            server.waitFor(30, TimeUnit.SECONDS);
            for (Future<?> client : running) {
                client.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static List<String> history(ApiClient api, String id) throws Exception {
        List<String> types = new ArrayList<>();
        api.get("/api/v1/packets/" + id + "/history").body().get("events")
                .forEach(event -> types.add(event.get("event_type").asText()));
        return types;
    }

    private Process startServer(Map<String, String> env) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve");
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        builder.redirectOutput(dir.resolve("server-" + System.nanoTime() + ".log").toFile());
        Process process = builder.start();
        int port = Integer.parseInt(env.get("HR_PORT"));
        ApiClient anonymous = new ApiClient(port, null);
        DatabaseOutageTest.await(120_000, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue());
            }
            try {
                return anonymous.get("/ready").status() == 200;
            } catch (ConnectException notYet) {
                return false;
            }
        }, "the server to be ready");
        return process;
    }

    private static Map<String, String> env(String databaseUrl, int port) {
        Map<String, String> env = new HashMap<>();
        env.put("HR_DATABASE_URL", databaseUrl);
        env.put("HR_PORT", String.valueOf(port));
        env.put("HR_HOST", "127.0.0.1");
        env.put("HR_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
        env.put("HR_LOG_LEVEL", "error");
        env.put("HR_SECRET_KEY", "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=");
        env.put("HR_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
        env.put("HR_RATE_LIMIT_PER_MINUTE", "1000000");
        env.put("HR_WEBHOOK_RETRY_SCHEDULE", "1h");
        return env;
    }

    private static final class Acknowledged {
        final Set<String> created = ConcurrentHashMap.newKeySet();
        final Set<String> claimed = ConcurrentHashMap.newKeySet();
        final Set<String> completed = ConcurrentHashMap.newKeySet();

        int total() {
            return created.size() + claimed.size() + completed.size();
        }
    }

    /** What the database holds, read directly: packets, their history and outbox event types, agent counters. */
    private record Consistency(Map<String, String> packets, Map<String, List<String>> history,
                               Map<String, Set<String>> outbox, long activeByCounter, long activePackets,
                               Map<String, Long> packetCounts, Map<String, Long> packetsByStatus) {
        static Consistency read(String jdbcUrl) throws SQLException {
            Map<String, String> packets = new HashMap<>();
            Map<String, List<String>> history = new HashMap<>();
            Map<String, Set<String>> outbox = new HashMap<>();
            try (Connection connection = DriverManager.getConnection(jdbcUrl);
                 Statement statement = connection.createStatement()) {
                try (ResultSet rows = statement.executeQuery("SELECT id, status FROM packets")) {
                    while (rows.next()) {
                        packets.put(rows.getString(1), rows.getString(2));
                    }
                }
                try (ResultSet rows = statement.executeQuery("SELECT packet_id, action FROM audit_log "
                        + "WHERE packet_id IS NOT NULL ORDER BY seq")) {
                    while (rows.next()) {
                        history.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(rows.getString(2));
                    }
                }
                try (ResultSet rows = statement.executeQuery("SELECT packet_id, event_type FROM deliveries")) {
                    while (rows.next()) {
                        outbox.computeIfAbsent(rows.getString(1), k -> new TreeSet<>()).add(rows.getString(2));
                    }
                }
                long counted = single(connection, "SELECT COALESCE(SUM(active_packets), 0) FROM tenant_agents");
                long active = single(connection, "SELECT COUNT(*) FROM packets WHERE status IN "
                        + "('created', 'claimed', 'in_progress', 'awaiting_human')");
                Map<String, Long> byCounter = byStatus(connection, "SELECT status, SUM(packets) FROM packet_counts "
                        + "GROUP BY status HAVING SUM(packets) <> 0");
                Map<String, Long> byStatus = byStatus(connection,
                        "SELECT status, COUNT(*) FROM packets GROUP BY status");
                return new Consistency(packets, history, outbox, counted, active, byCounter, byStatus);
            }
        }

        private static Map<String, Long> byStatus(Connection connection, String query) throws SQLException {
            Map<String, Long> counts = new TreeMap<>();
            try (PreparedStatement statement = connection.prepareStatement(query);
                 ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    counts.put(result.getString(1), result.getLong(2));
                }
            }
            return counts;
        }

        private static long single(Connection connection, String query) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(query);
                 ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }

        /** Packets whose history and outbox rows are not exactly those of their status. */
        List<String> halfWritten() {
            List<String> wrong = new ArrayList<>();
            packets.forEach((id, status) -> {
                List<String> expectedHistory = switch (status) {
                    case "created" -> List.of("created");
                    case "claimed" -> List.of("created", "claimed");
                    case "completed" -> List.of("created", "claimed", "completed");
                    default -> List.of("unexpected status " + status);
                };
                Set<String> expectedOutbox = new TreeSet<>();
                expectedHistory.forEach(event -> expectedOutbox.add("packet." + event));
                List<String> actualHistory = history.getOrDefault(id, List.of());
                Set<String> actualOutbox = outbox.getOrDefault(id, Set.of());
                if (!actualHistory.equals(expectedHistory) || !actualOutbox.equals(expectedOutbox)) {
                    wrong.add(id + " " + status + " history=" + actualHistory + " outbox=" + actualOutbox);
                }
            });
            return wrong;
        }

        /**
         * The agents' active-packet counters (two agents per packet: source and target) against the packets.
         */
        boolean countersMatch() {
            return activeByCounter == 2 * activePackets;
        }
    }

    static String classPath() {
        return System.getProperty("java.class.path").replace(File.pathSeparator, "\n");
    }
}
