package dev.handoffrail.http;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.adapters.schema.NetworkntContextSchemaValidator;
import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.port.out.HostResolver;
import dev.handoffrail.core.port.out.WebhookTransport;
import dev.handoffrail.core.tenant.TierQuotaOverrides;
import dev.handoffrail.core.tenant.TierQuotaTable;
import dev.handoffrail.core.testing.MutableClock;
import dev.handoffrail.http.metrics.MicrometerRailObserver;
import dev.handoffrail.http.realtime.RealtimeSettings;
import dev.handoffrail.testing.TestJson;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A started {@link HttpApi} over a complete in-memory {@link HandoffRail} (the real services) with the JSON Schema
 * validator and the metrics observer of this module, a hand-moved clock, a webhook transport answering what the
 * test says, and request rate limits lifted so that tests can make as many calls as they need. The platform-admin
 * key {@link #ROOT} lives in tenant {@code default} (business tier).
 */
public final class LiveApi implements AutoCloseable {
    public static final Instant START = Instant.parse("2026-05-30T12:00:00Z");
    public static final String ROOT = "hr_" + "R".repeat(43);
    /** A public address every webhook host resolves to (no DNS in tests). */
    public static final byte[] PUBLIC_ADDRESS = {93, (byte) 184, (byte) 216, 34};

    public final MutableClock clock = new MutableClock(START);
    public final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    public final FakeTransport transport = new FakeTransport();
    public final HandoffRail rail;
    public final Javalin app;
    public final TestClient client;

    private LiveApi(HttpProbes probes, RealtimeSettings realtime, Consumer<JavalinConfig> tune) {
        RailSettings defaults = RailSettings.defaults();
        Map<String, Long> noRequestLimits = Map.of("requests_per_minute", -1L, "requests_per_hour", -1L);
        TierQuotaTable tiers = TierQuotaOverrides.apply(TierQuotaTable.defaults(),
                Map.of("free", noRequestLimits, "pro", noRequestLimits, "business", noRequestLimits));
        RailSettings settings = new RailSettings(tiers, defaults.defaultTier(), defaults.packetTtl(), true,
                List.of(Duration.ofHours(1)), defaults.webhookTimeout(), defaults.webhookAllowedHosts(),
                defaults.rateLimitPerMinute(), defaults.authFailuresPerMinute());
        HostResolver resolver = host -> {
            if (host.equals("localhost")) {
                return List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
            }
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return List.of(InetAddress.getByName(host));
            }
            if (host.endsWith(".invalid")) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByAddress(host, PUBLIC_ADDRESS));
        };
        rail = HandoffRail.builder().clock(clock).settings(settings).hostResolver(resolver).webhookTransport(transport)
                .schemaValidator(new NetworkntContextSchemaValidator()).observer(new MicrometerRailObserver(metrics))
                .build();
        rail.manageKeys().bootstrap(ROOT);
        app = HttpApi.create(rail, HttpSettings.defaults(), realtime, probes, metrics, routes -> {
        }, tune).start("127.0.0.1", 0);
        client = new TestClient(app.port());
    }

    public static LiveApi start() {
        return start(new ApiHarness.FixedProbes(true, null));
    }

    public static LiveApi start(HttpProbes probes) {
        return new LiveApi(probes, RealtimeSettings.defaults(), config -> {
        });
    }

    /** With the real-time streams' tunables and a last word on the Javalin configuration. */
    public static LiveApi start(RealtimeSettings realtime, Consumer<JavalinConfig> tune) {
        return new LiveApi(new ApiHarness.FixedProbes(true, null), realtime, tune);
    }

    /** {@code method path} with {@code key} and an optional JSON body. */
    public TestResponse call(String key, String method, String path, String body) {
        return client.send(method, path, body, "X-API-Key", key);
    }

    public TestResponse get(String key, String path) {
        return call(key, "GET", path, null);
    }

    /** Creates a tenant through the API; returns its id. */
    public String tenant(String id, String tier) {
        TestResponse created = call(ROOT, "POST", "/api/v1/tenants",
                "{\"name\": \"Tenant " + id + "\", \"id\": \"" + id + "\", \"tier\": \"" + tier + "\"}");
        expect(created, 201);
        return id;
    }

    /** Creates a key of {@code role} in {@code tenant} through the API; returns the secret. */
    public String key(String tenant, String role) {
        return (String) keyJson(tenant, role, role + "-key").get("key");
    }

    public Map<String, Object> keyJson(String tenant, String role, String name) {
        TestResponse created = call(ROOT, "POST", "/api/v1/keys", "{\"name\": \"" + name + "\", \"role\": \"" + role
                + "\", \"tenant_id\": \"" + tenant + "\"}");
        expect(created, 201);
        return created.json();
    }

    /** Creates a packet from {@code source} to {@code target} in the key's tenant; returns its id. */
    public String packet(String key, String source, String target) {
        TestResponse created = call(key, "POST", "/api/v1/packets", packetBody(source, target, ""));
        expect(created, 201);
        return (String) created.json().get("id");
    }

    public static String packetBody(String source, String target, String extra) {
        return "{\"metadata\": {\"source_agent\": {\"id\": \"" + source + "\", \"name\": \"Source\"},"
                + " \"target_agent\": {\"id\": \"" + target + "\", \"name\": \"Target\"}},"
                + " \"context\": {\"summary\": \"Customer wants an upgrade\"}" + extra + "}";
    }

    public static Object parse(String json) {
        return TestJson.parse(json);
    }

    /** The {@code field} of every object in {@code items}. */
    public static List<Object> pluck(List<Object> items, String field) {
        return items.stream().map(item -> map(item).get(field)).toList();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }

    /** A {@code 400 VALIDATION_ERROR} about exactly one field. */
    public static void assertValidation(TestResponse response, String field, String message) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json()).containsEntry("code", "VALIDATION_ERROR").containsEntry("field", field)
                .containsEntry("errors", List.of(Map.of("field", field, "message", message)));
    }

    static void expect(TestResponse response, int status) {
        if (response.status() != status) {
            throw new AssertionError("expected " + status + " but got " + response);
        }
    }

    @Override
    public void close() {
        app.stop();
        rail.close();
    }

    /** Answers every webhook attempt with {@link #status}; records the URLs it was asked to call. */
    public static final class FakeTransport implements WebhookTransport {
        public volatile int status = 200;
        public final List<URI> calls = new CopyOnWriteArrayList<>();
        public final AtomicInteger attempts = new AtomicInteger();

        @Override
        public Result send(URI url, InetAddress pinnedAddress, Map<String, String> headers, byte[] body,
                           Duration timeout) {
            calls.add(url);
            attempts.incrementAndGet();
            return new Result(status, status >= 300 ? "upstream unavailable" : "", null);
        }
    }
}
