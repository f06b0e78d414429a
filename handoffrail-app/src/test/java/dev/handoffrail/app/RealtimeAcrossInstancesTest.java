package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Two application instances sharing one PostgreSQL and one Redis: the tier's real-time connection limit
 * (http-api.md §5.4) holds across both, and a stopped instance gives its connections back. Event fan-out between
 * instances is {@link StreamsAcrossInstancesTest}'s.
 */
class RealtimeAcrossInstancesTest {
    private static final String ADMIN_KEY = "hr_realtimeInstancesBootstrap_0123456789abc";
    private static final String REDIS_URL = "redis://127.0.0.1:6379/0";

    @Test
    void the_free_tiers_one_connection_is_counted_across_instances_and_freed_when_an_instance_stops()
            throws Exception {
        requireLocalRedis();
        try (LocalPostgres database = LocalPostgres.createOrSkip()) {
            Application first = Application.start(AppConfig.fromEnv(env(database.url())),
                    ApplicationEndToEndTest.quietBanner());
            try (Application second = Application.start(AppConfig.fromEnv(env(database.url())),
                    ApplicationEndToEndTest.quietBanner())) {
                String tenant = "rt-" + UUID.randomUUID().toString().substring(0, 8);
                ApiClient admin = new ApiClient(first.port(), ADMIN_KEY);
                assertThat(admin.send("POST", "/api/v1/tenants", "{\"name\": \"Realtime " + tenant + "\", \"id\": \""
                        + tenant + "\", \"tier\": \"free\"}").status()).isEqualTo(201);
                String key = admin.send("POST", "/api/v1/keys", "{\"name\": \"watcher\", \"role\": \"reader\","
                        + " \"tenant_id\": \"" + tenant + "\"}").body().get("key").asText();

                HttpResponse<Stream<String>> stream = openEvents(first.port(), key);
                Iterator<String> lines = stream.body().iterator();
                assertThat(stream.statusCode()).isEqualTo(200);
                assertThat(lines.next()).isEqualTo("event: connected");

                ApiClient.Reply refused = new ApiClient(second.port(), key).get("/events");
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.body().get("window").asText()).isEqualTo("connections");

                first.close();
                assertThat(lines.next()).startsWith("data: ");
                HttpResponse<Stream<String>> again = openEvents(second.port(), key);
                assertThat(again.statusCode()).isEqualTo(200);
                assertThat(again.body().iterator().next()).isEqualTo("event: connected");
                again.body().close();
                stream.body().close();
            } finally {
                first.close();
            }
        }
    }

    private static HttpResponse<Stream<String>> openEvents(int port, String key)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
                .header("X-API-Key", key).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
    }

    private static Map<String, String> env(String databaseUrl) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Map.of("HR_DATABASE_URL", databaseUrl, "HR_PORT", String.valueOf(socket.getLocalPort()),
                    "HR_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY, "HR_LOG_LEVEL", "error", "HR_SHUTDOWN_GRACE_SECONDS", "3",
                    "HR_SECRET_KEY", "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=", "HR_REDIS_URL", REDIS_URL);
        }
    }

    /** Skips outside CI (fails under CI) when no Redis server listens on 127.0.0.1:6379. */
    private static void requireLocalRedis() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 1000);
        } catch (IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("Redis not reachable at 127.0.0.1:6379 and CI=true", e);
            }
            Assumptions.abort("Redis not reachable at 127.0.0.1:6379 — skipping (set CI=true to make this a failure)");
        }
    }
}
