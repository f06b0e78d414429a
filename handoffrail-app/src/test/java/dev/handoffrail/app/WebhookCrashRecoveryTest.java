package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real application in a child JVM is killed with SIGKILL in the middle of 500 deliveries and started again on
 * the same database (SQLite, then PostgreSQL): every delivery arrives at least once, and none stays pending past its
 * lease.
 */
class WebhookCrashRecoveryTest {
    private static final String ADMIN_KEY = "hr_crashRecoveryAdminKey_0123456789abcdef";
    private static final int WEBHOOKS = 5;
    private static final int PACKETS = 100;
    private static final int DELIVERIES = WEBHOOKS * PACKETS;
    /** HR_WEBHOOK_TIMEOUT_SECONDS=2: a lease is 2 × 2 s + 10 s. */
    private static final long LEASE_SECONDS = 14;

    @TempDir
    Path dir;

    @Test
    void on_sqlite_a_server_killed_mid_delivery_loses_nothing_and_its_leased_deliveries_are_sent_after_a_restart()
            throws Exception {
        Path file = dir.resolve("crash.db");
        killMidDeliveryAndRestart(new Database("sqlite:///" + file, "jdbc:sqlite:" + file));
    }

    @Test
    void on_postgresql_a_server_killed_mid_delivery_loses_nothing_and_its_leased_deliveries_are_sent_after_a_restart()
            throws Exception {
        try (LocalPostgres postgres = LocalPostgres.createOrSkip()) {
            killMidDeliveryAndRestart(new Database(postgres.url(), postgres.jdbcUrl()));
        }
    }

    /** Where the child servers keep their data: the URL they are given and the JDBC URL the test reads with. */
    private record Database(String url, String jdbcUrl) {
    }

    private void killMidDeliveryAndRestart(Database database) throws Exception {
        try (CountingReceiver receiver = new CountingReceiver(true)) {
            int port = freePort();
            Process first = start(database, port, "first");
            try {
                ApiClient api = new ApiClient(port, ADMIN_KEY);
                for (int i = 0; i < WEBHOOKS; i++) {
                    ApiClient.Reply hook = api.send("POST", "/api/v1/hooks", "{\"url\": \""
                            + receiver.url("/hook-" + i) + "\", \"events\": [\"packet.created\"], "
                            + "\"secret\": \"whsec_crash_recovery_secret\"}");
                    assertThat(hook.status()).as(hook.body().toString()).isEqualTo(201);
                }
                createPackets(api, PACKETS);
                assertThat(count(database, "SELECT count(*) FROM deliveries")).isEqualTo(DELIVERIES);

                receiver.open();
                assertThat(receiver.awaitAcknowledged(DELIVERIES / 4, 120_000)).isTrue();
                first.destroyForcibly();
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                first.destroyForcibly();
            }
            int acknowledgedAtKill = receiver.acknowledged();
            assertThat(acknowledgedAtKill).isLessThan(DELIVERIES);

            Process second = start(database, port, "second");
            try {
                // generous: the lease plus time to send the rest on a loaded machine
                assertThat(receiver.awaitAcknowledged(DELIVERIES, TimeUnit.SECONDS.toMillis(LEASE_SECONDS + 100)))
                        .as("acknowledged %d of %d", receiver.acknowledged(), DELIVERIES).isTrue();
                awaitNoOpenDeliveries(database);
            } finally {
                second.destroyForcibly();
                second.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(receiver.acknowledgedIds()).hasSize(DELIVERIES);
            assertThat(statuses(database)).isEqualTo(Map.of("delivered", DELIVERIES));
        }
    }

    private void awaitNoOpenDeliveries(Database database) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LEASE_SECONDS + 30);
        while (count(database, "SELECT count(*) FROM deliveries WHERE status <> 'delivered'") > 0
                && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    static void createPackets(ApiClient api, int packets) throws Exception {
        // small batches: each answers well within the client's 10 s even on a loaded machine
        for (int done = 0; done < packets; done += 10) {
            List<String> items = new ArrayList<>();
            for (int i = done; i < Math.min(packets, done + 10); i++) {
                items.add("{\"metadata\": {\"source_agent\": {\"id\": \"sales-01\", \"name\": \"SalesBot\"}, "
                        + "\"target_agent\": {\"id\": \"billing-01\", \"name\": \"BillingBot\"}}, "
                        + "\"context\": {\"summary\": \"Packet " + i + "\"}}");
            }
            ApiClient.Reply batch = api.send("POST", "/api/v1/packets/batch",
                    "{\"packets\": [" + String.join(", ", items) + "]}");
            assertThat(batch.status()).as(batch.body().toString()).isIn(200, 201, 207);
        }
    }

    private Process start(Database database, int port, String name) throws Exception {
        Path log = dir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("HR_DATABASE_URL", database.url(),
                "HR_PORT", String.valueOf(port), "HR_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY, "HR_LOG_LEVEL", "error",
                "HR_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1", "HR_WEBHOOK_TIMEOUT_SECONDS", "2",
                // attempts that time out while the receiver is held are retried soon, not after minutes
                "HR_WEBHOOK_RETRY_SCHEDULE", String.join(",", Collections.nCopies(30, "1s")),
                "HR_TIER_QUOTAS", "{\"business\": {\"requests_per_minute\": 100000, \"requests_per_hour\": 1000000}}"));
        Process process = builder.start();
        awaitReady(process, port, log);
        return process;
    }

    static void awaitReady(Process process, int port, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/ready")).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("the server was not ready within 60 s:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long count(Database database, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Map<String, Integer> statuses(Database database) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT status, count(*) FROM deliveries GROUP BY status")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

}
