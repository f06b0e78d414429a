package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL outage as the real application sees it, made by a {@link TcpProxy} between the application and
 * the shared server (the server itself is never stopped): requests fail fast with {@code 503 SERVICE_UNAVAILABLE}
 * in the envelope, never 500 and never hung; {@code /ready} turns 503 within 5 s; within 10 s of the link
 * returning requests succeed again without a restart, and the background workers (expiry sweeper, webhook
 * dispatcher) resume.
 */
class DatabaseOutageTest {
    private static final String ADMIN_KEY = "hr_outageEndToEndKey_0123456789abcdefgh";
    private static final String PACKET = """
            {"metadata": {"source_agent": {"id": "sales-01", "name": "SalesBot"},
                          "target_agent": {"id": "billing-01", "name": "BillingBot"}},
             "context": {"summary": "Customer wants to upgrade"}}""";

    private final AtomicInteger delivered = new AtomicInteger();

    @Test
    void an_outage_answers_503_fast_ready_turns_and_everything_recovers_without_a_restart() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            delivered.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try (LocalPostgres database = LocalPostgres.createOrSkip(); TcpProxy proxy = new TcpProxy("127.0.0.1", 5432);
             Application app = Application.start(AppConfig.fromEnv(env(database, proxy)),
                     ApplicationEndToEndTest.quietBanner())) {
            ApiClient api = new ApiClient(app.port(), ADMIN_KEY);
            ApiClient anonymous = new ApiClient(app.port(), null);
            assertThat(api.send("POST", "/api/v1/hooks", "{\"url\": \"http://127.0.0.1:"
                    + receiver.getAddress().getPort() + "/hook\", \"events\": [\"packet.created\"], "
                    + "\"secret\": \"whsec_outage_secret_value\"}").status()).isEqualTo(201);
            assertThat(api.send("POST", "/api/v1/packets", PACKET).status()).isEqualTo(201);
            await(10_000, () -> delivered.get() == 1, "the first delivery");

            proxy.cut();

            await(5_000, () -> anonymous.get("/ready").status() == 503, "/ready to turn 503");
            assertThat(anonymous.get("/ready").body().toString())
                    .isEqualTo("{\"status\":\"not_ready\",\"service\":\"handoffrail\",\"db\":false,\"redis\":null}");
            long sentAt = System.nanoTime();
            List<ApiClient.Reply> during = concurrently(api, 16);
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
            assertThat(during).allSatisfy(reply -> {
                assertThat(reply.status()).isEqualTo(503);
                assertThat(reply.body().get("code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
                assertThat(reply.body().get("status_code").asInt()).isEqualTo(503);
                assertThat(reply.body().get("detail").asText()).isEqualTo("Database unavailable; retry later");
            });
            // bounded by the pool's 3 s connection wait, not by TCP or statement timeouts
            assertThat(waitedMillis).as("16 concurrent requests during the outage").isLessThan(8_000);
            System.out.printf("outage: 16 requests answered 503 in %d ms%n", waitedMillis);

            proxy.restore();
            long restoredAt = System.nanoTime();

            await(10_000, () -> api.send("POST", "/api/v1/packets", PACKET).status() == 201, "a create to succeed");
            assertThat(anonymous.get("/ready").status()).isEqualTo(200);
            System.out.printf("outage: recovered %d ms after the link returned%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restoredAt));
            await(10_000, () -> delivered.get() >= 2, "the dispatcher to deliver again");
            ApiClient.Reply listed = api.get("/api/v1/packets?limit=200");
            assertThat(listed.status()).isEqualTo(200);
            assertThat(listed.body().get("total").asInt()).isGreaterThanOrEqualTo(2);
            await(10_000, () -> api.get("/api/v1/packets?status=expired").body().get("total").asInt() >= 2,
                    "the sweeper to expire the packets after the outage");
            assertThat(proxy.cuts()).isEqualTo(1);
        } finally {
            receiver.stop(0);
        }
    }

    private static List<ApiClient.Reply> concurrently(ApiClient api, int requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<ApiClient.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int n = i;
                replies.add(pool.submit(() -> n % 2 == 0 ? api.send("POST", "/api/v1/packets", PACKET)
                        : api.get("/api/v1/packets")));
            }
            List<ApiClient.Reply> all = new ArrayList<>();
            for (Future<ApiClient.Reply> reply : replies) {
                all.add(reply.get(15, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static void await(long millis, Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            if (check.holds()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + millis + " ms waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static Map<String, String> env(LocalPostgres database, TcpProxy proxy) throws IOException {
        return Map.ofEntries(Map.entry("HR_DATABASE_URL", database.url().replace(":5432/", ":" + proxy.port() + "/")),
                Map.entry("HR_PORT", String.valueOf(freePort())), Map.entry("HR_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY),
                Map.entry("HR_LOG_LEVEL", "error"), Map.entry("HR_SHUTDOWN_GRACE_SECONDS", "3"),
                Map.entry("HR_SECRET_KEY", "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80="),
                Map.entry("HR_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1"), Map.entry("HR_SWEEP_INTERVAL_SECONDS", "1"),
                Map.entry("HR_PACKET_TTL_SECONDS", "3"), Map.entry("HR_RATE_LIMIT_PER_MINUTE", "100000"),
                Map.entry("HR_TIER_QUOTAS", "{\"free\": {\"requests_per_hour\": -1, \"requests_per_minute\": -1, "
                        + "\"handoffs_per_day\": -1}, \"pro\": {\"requests_per_hour\": -1, \"requests_per_minute\": -1},"
                        + " \"business\": {\"requests_per_hour\": -1, \"requests_per_minute\": -1}}"));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
