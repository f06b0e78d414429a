package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.testing.TcpProxy;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two application instances in one JVM on one PostgreSQL database and one Redis database (13, emptied before each
 * test): the request windows, the failed-authentication throttle and key revocations hold across both, and a
 * Redis outage (a relay the test cuts, never the server) degrades to per-instance windows and back.
 */
class SharedLimitsAcrossInstancesTest {
    private static final int REDIS_DB = 13;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ADMIN_KEY = "hr_sharedLimitsBootstrapKey_0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalPostgres database;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void createDatabase() {
        LocalRedis.requireOrSkip();
        database = LocalPostgres.createOrSkip();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void emptyRedis() {
        LocalRedis.emptyDatabase(REDIS_DB);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void two_instances_admit_exactly_a_keys_sixty_requests_a_minute_between_them() throws Exception {
        List<Application> apps = twoInstances(LocalRedis.PORT, Map.of());
        String key = tenantKey(apps.get(0), "business", "reader");

        List<Reply> replies = concurrently(key, 100, apps);

        assertThat(statuses(replies, 200)).isEqualTo(60);
        assertThat(statuses(replies, 429)).isEqualTo(140);
        Reply refused = replies.stream().filter(reply -> reply.status() == 429).findFirst().orElseThrow();
        assertThat(refused.body().get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(refused.body().get("window").asText()).isEqualTo("minute");
        assertThat(refused.headers()).containsEntry("x-ratelimit-limit", "60")
                .containsEntry("x-ratelimit-remaining", "0").containsKey("retry-after");
    }

    @Test
    void two_instances_admit_exactly_a_tenants_hourly_requests_between_them() throws Exception {
        List<Application> apps = twoInstances(LocalRedis.PORT, Map.of("HR_RATE_LIMIT_PER_MINUTE", "1000",
                "HR_TIER_QUOTAS", "{\"pro\": {\"requests_per_hour\": 50}}"));
        String key = tenantKey(apps.get(0), "pro", "reader");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);

        List<Reply> replies = concurrently(key, 100, apps);

        Assumptions.assumeTrue(Instant.now().truncatedTo(ChronoUnit.HOURS).equals(hour),
                "the requests straddled two UTC hours, so two hourly windows counted them");
        assertThat(statuses(replies, 200)).isEqualTo(50);
        assertThat(statuses(replies, 429)).isEqualTo(150);
        assertThat(replies.stream().filter(reply -> reply.status() == 429)
                .map(reply -> reply.body().get("window").asText()).distinct()).containsExactly("hour");
    }

    @Test
    void two_instances_refuse_one_clients_thirty_first_failed_authentication_between_them() throws Exception {
        List<Application> apps = twoInstances(LocalRedis.PORT, Map.of());

        List<Reply> replies = concurrently("hr_" + "x".repeat(40), 100, apps);

        assertThat(statuses(replies, 401)).isEqualTo(30);
        assertThat(statuses(replies, 429)).isEqualTo(170);
        assertThat(replies.stream().filter(reply -> reply.status() == 429)
                .map(reply -> reply.body().get("window").asText()).distinct()).containsExactly("auth_failures");
    }

    @Test
    void a_key_revoked_on_one_instance_is_refused_by_the_other_on_its_next_request() throws Exception {
        List<Application> apps = twoInstances(LocalRedis.PORT, Map.of());
        Application a = apps.get(0);
        Application b = apps.get(1);
        String tenant = tenant(a, "pro");
        JsonNode reader = createKey(a, ADMIN_KEY, tenant, "reader");
        JsonNode admin = createKey(a, ADMIN_KEY, tenant, "admin");
        String secret = reader.get("key").asText();
        assertThat(get(b, "/api/v1/packets", secret).status()).isEqualTo(200);
        assertThat(get(a, "/api/v1/packets", secret).status()).isEqualTo(200);
        CountDownLatch revocationReachedB = new CountDownLatch(1);
        opened.add(b.events().subscribe(message -> {
            if (message instanceof EventBus.KeyRevoked revoked
                    && revoked.keyId().toString().equals(reader.get("id").asText())) {
                revocationReachedB.countDown();
            }
        }));

        assertThat(send(a, "DELETE", "/api/v1/keys/" + reader.get("id").asText(), admin.get("key").asText(), null)
                .status()).isEqualTo(204);
        assertThat(revocationReachedB.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Reply next = get(b, "/api/v1/packets", secret);
        assertThat(next.status()).isEqualTo(401);
        assertThat(next.body().get("code").asText()).isEqualTo("KEY_REVOKED");
    }

    @Test
    void a_tier_changed_on_one_instance_applies_on_the_other_at_its_next_request() throws Exception {
        List<Application> apps = twoInstances(LocalRedis.PORT, Map.of());
        Application a = apps.get(0);
        Application b = apps.get(1);
        String tenant = tenant(a, "free");
        String secret = createKey(a, ADMIN_KEY, tenant, "reader").get("key").asText();
        assertThat(get(b, "/api/v1/packets", secret).headers()).containsEntry("x-ratelimit-tier", "free");
        CountDownLatch changeReachedB = new CountDownLatch(1);
        opened.add(b.events().subscribe(message -> {
            if (message instanceof EventBus.TenantDataChanged changed && changed.tenant().value().equals(tenant)) {
                changeReachedB.countDown();
            }
        }));

        assertThat(send(a, "PATCH", "/api/v1/tenants/" + tenant, ADMIN_KEY, "{\"tier\": \"business\"}").status())
                .isEqualTo(200);
        assertThat(changeReachedB.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        assertThat(get(b, "/api/v1/packets", secret).headers()).containsEntry("x-ratelimit-tier", "business")
                .containsEntry("x-ratelimit-hourly-limit", "10000");
    }

    @Test
    void while_redis_is_down_requests_are_answered_from_per_instance_windows_and_shared_counting_resumes()
            throws Exception {
        TcpProxy relay = TcpProxy.to(LocalRedis.PORT);
        opened.add(relay);
        List<Application> apps = twoInstances(relay.port(), Map.of("HR_EXPECTED_INSTANCES", "2"));
        Application a = apps.get(0);
        Application b = apps.get(1);
        String key = tenantKey(a, "business", "reader");
        assertThat(get(a, "/ready", null).status()).isEqualTo(200);
        double fallbacksBefore = fallbacks(a);

        relay.cut();

        for (Application app : apps) {
            for (int i = 0; i < 5; i++) {
                Reply reply = get(app, "/api/v1/packets", key);
                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.headers()).containsEntry("x-ratelimit-limit", "30")
                        .containsEntry("x-ratelimit-remaining", String.valueOf(29 - i));
            }
        }
        assertThat(fallbacks(a) - fallbacksBefore).isEqualTo(10.0);
        for (Application app : apps) {
            Reply ready = get(app, "/ready", null);
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body().get("redis").asBoolean()).isFalse();
            assertThat(ready.body().get("db").asBoolean()).isTrue();
        }

        relay.restore();

        for (Application app : apps) {
            awaitReply(app, "/ready", null, reply -> reply.status() == 200);
        }
        Reply sharedOnA = awaitReply(a, "/api/v1/packets", key,
                reply -> "60".equals(reply.headers().get("x-ratelimit-limit")));
        Reply sharedOnB = awaitReply(b, "/api/v1/packets", key,
                reply -> "60".equals(reply.headers().get("x-ratelimit-limit")));
        long remainingOnA = Long.parseLong(sharedOnA.headers().get("x-ratelimit-remaining"));
        assertThat(sharedOnB.headers()).containsEntry("x-ratelimit-remaining", String.valueOf(remainingOnA - 1));
        double fallbacksAfterRecovery = fallbacks(a);
        assertThat(get(a, "/api/v1/packets", key).headers())
                .containsEntry("x-ratelimit-remaining", String.valueOf(remainingOnA - 2));
        assertThat(fallbacks(a)).isEqualTo(fallbacksAfterRecovery);
    }

    /** Instance A (which migrates the database) and instance B, on the Redis at {@code redisPort}. */
    private List<Application> twoInstances(int redisPort, Map<String, String> extra) throws IOException {
        List<Application> apps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Map<String, String> env = new HashMap<>(Map.of("HR_DATABASE_URL", database.url(),
                    "HR_PORT", String.valueOf(freePort()), "HR_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY,
                    "HR_LOG_LEVEL", "error", "HR_SHUTDOWN_GRACE_SECONDS", "0",
                    "HR_SECRET_KEY", "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=",
                    "HR_REDIS_URL", LocalRedis.url(redisPort, REDIS_DB)));
            env.putAll(extra);
            Application app = Application.start(AppConfig.fromEnv(env), ApplicationEndToEndTest.quietBanner());
            opened.add(app);
            apps.add(app);
        }
        return apps;
    }

    /** A new tenant of {@code tier} and the secret of a new key of it with {@code role}. */
    private String tenantKey(Application app, String tier, String role) throws Exception {
        return createKey(app, ADMIN_KEY, tenant(app, tier), role).get("key").asText();
    }

    private String tenant(Application app, String tier) throws Exception {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = send(app, "POST", "/api/v1/tenants", ADMIN_KEY,
                "{\"name\": \"" + id + "\", \"id\": \"" + id + "\", \"tier\": \"" + tier + "\"}");
        assertThat(created.status()).isEqualTo(201);
        return id;
    }

    private JsonNode createKey(Application app, String adminKey, String tenant, String role) throws Exception {
        Reply created = send(app, "POST", "/api/v1/keys", adminKey,
                "{\"name\": \"" + role + "\", \"role\": \"" + role + "\", \"tenant_id\": \"" + tenant + "\"}");
        assertThat(created.status()).isEqualTo(201);
        return created.body();
    }

    /** {@code perInstance} GETs to each app at once, all with {@code key}. */
    private List<Reply> concurrently(String key, int perInstance, List<Application> apps) {
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < perInstance; i++) {
            for (Application app : apps) {
                pending.add(http.sendAsync(request(app, "/api/v1/packets?limit=1", key).GET().build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).orTimeout(120, TimeUnit.SECONDS).join();
        return pending.stream().map(CompletableFuture::join).map(SharedLimitsAcrossInstancesTest::reply).toList();
    }

    private Reply awaitReply(Application app, String path, String key, Predicate<Reply> wanted) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Reply last = null;
        while (System.nanoTime() < deadline) {
            last = get(app, path, key);
            if (wanted.test(last)) {
                return last;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("no wanted reply from " + path + " within " + WAIT + "; last: " + last);
    }

    private double fallbacks(Application app) throws Exception {
        String metrics = http.send(request(app, "/metrics", null).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(line -> line.startsWith("handoffrail_redis_fallback_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("handoffrail_redis_fallback_total not exposed"));
    }

    private Reply get(Application app, String path, String key) throws Exception {
        return send(app, "GET", path, key, null);
    }

    private Reply send(Application app, String method, String path, String key, String json) throws Exception {
        HttpRequest.Builder request = request(app, path, key);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return reply(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static HttpRequest.Builder request(Application app, String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(60));
        return key == null ? builder : builder.header("X-API-Key", key);
    }

    private static Reply reply(HttpResponse<String> response) {
        Map<String, String> headers = new HashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                values.get(0)));
        try {
            JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Reply(response.statusCode(), headers, body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static long statuses(List<Reply> replies, int status) {
        return replies.stream().filter(reply -> reply.status() == status).count();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One answer: status, headers (lower-case names, first value) and the JSON body (null when empty). */
    record Reply(int status, Map<String, String> headers, JsonNode body) {
    }
}
