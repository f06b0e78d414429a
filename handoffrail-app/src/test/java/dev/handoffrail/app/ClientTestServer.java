package dev.handoffrail.app;

import dev.handoffrail.client.HandoffRailClient;
import dev.handoffrail.client.RetryPolicy;
import dev.handoffrail.client.Sleeper;
import dev.handoffrail.client.model.ApiKey;
import dev.handoffrail.client.model.NewApiKey;
import dev.handoffrail.client.model.NewTenant;
import dev.handoffrail.client.model.Role;
import dev.handoffrail.client.model.Tier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real application on SQLite in a temporary directory, on a free port, for the client's and the CLI's tests.
 * Tenants created through {@link #newTenant} isolate each test's data. The per-minute limit of the {@code pro} and
 * {@code business} tiers is lifted so that tests are never throttled by accident; {@code free} keeps 3 a minute so
 * that {@code 429 RATE_LIMITED} can be provoked.
 */
final class ClientTestServer implements AutoCloseable {
    static final String ADMIN_KEY = "hr_clientTestsBootstrapKey_0123456789abcdef";
    private static final AtomicInteger TENANTS = new AtomicInteger();

    private final Application app;

    private ClientTestServer(Application app) {
        this.app = app;
    }

    static ClientTestServer start(Path dir) {
        return start(dir, freePort());
    }

    /** The server on {@code port} with the database in {@code dir}: starting it again there is a restart. */
    static ClientTestServer start(Path dir, int port) {
        return start(dir, port, Map.of());
    }

    /** The server with {@code settings} (HR_* variables) on top of the tests' defaults. */
    static ClientTestServer start(Path dir, Map<String, String> settings) {
        return start(dir, freePort(), settings);
    }

    private static ClientTestServer start(Path dir, int port, Map<String, String> settings) {
        Map<String, String> env = new HashMap<>();
        env.put("HR_DATABASE_URL", "sqlite:///" + dir.resolve("client.db"));
        env.put("HR_PORT", String.valueOf(port));
        env.put("HR_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
        env.put("HR_LOG_LEVEL", "error");
        env.put("HR_SHUTDOWN_GRACE_SECONDS", "1");
        env.put("HR_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1");
        env.put("HR_WEBHOOK_RETRY_SCHEDULE", "10ms");
        env.put("HR_TIER_QUOTAS", "{\"free\": {\"requests_per_minute\": 3},"
                + " \"pro\": {\"requests_per_minute\": -1, \"requests_per_hour\": -1},"
                + " \"business\": {\"requests_per_minute\": -1, \"requests_per_hour\": -1}}");
        env.putAll(settings);
        return new ClientTestServer(Application.start(AppConfig.fromEnv(env), ApplicationEndToEndTest.quietBanner()));
    }

    int port() {
        return app.port();
    }

    String url() {
        return "http://127.0.0.1:" + app.port();
    }

    /** The bootstrap platform admin of tenant {@code default} (tier business). */
    HandoffRailClient admin() {
        return client(ADMIN_KEY);
    }

    HandoffRailClient client(String key) {
        return HandoffRailClient.builder().baseUrl(url()).apiKey(key).build();
    }

    HandoffRailClient client(String key, RetryPolicy retry, Sleeper sleeper) {
        return HandoffRailClient.builder().baseUrl(url()).apiKey(key).retryPolicy(retry).sleeper(sleeper).build();
    }

    /** A fresh tenant of {@code tier} and an admin key of it. */
    Tenant newTenant(Tier tier) {
        String id = "t" + TENANTS.incrementAndGet() + "-" + tier.wireName();
        admin().tenants().create(NewTenant.of("Tenant " + id).withId(id).withTier(tier));
        ApiKey key = admin().keys().create(NewApiKey.of("admin of " + id, Role.ADMIN).inTenant(id));
        return new Tenant(id, key.key(), client(key.key()));
    }

    /** A tenant made for one test: its id, its admin key and a client with that key. */
    record Tenant(String id, String adminKey, HandoffRailClient client) {
    }

    @Override
    public void close() {
        app.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
