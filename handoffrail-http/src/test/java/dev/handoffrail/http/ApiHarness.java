package dev.handoffrail.http;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.auth.ApiKey;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.port.in.AuthenticateUseCase.Authenticated;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.MutableClock;
import dev.handoffrail.http.route.Routes;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A started {@link HttpApi} over an in-memory rail whose authentication is the test's (keys registered by the
 * test) unless {@link #real()}, with extra routes for exercising the pipeline.
 */
public final class ApiHarness implements AutoCloseable {
    public static final Instant START = Instant.parse("2026-05-30T12:00:00Z");

    public final MutableClock clock = new MutableClock(START);
    public final CountingEventBus bus = new CountingEventBus();
    public final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    public final AtomicInteger authentications = new AtomicInteger();
    private final Map<String, Authenticated> keys = new ConcurrentHashMap<>();
    public final HandoffRail rail;
    public final Javalin app;
    public final TestClient client;

    private final Caller platformAdmin;
    private final boolean realKeys;

    private ApiHarness(HttpSettings settings, RailSettings railSettings, HttpProbes probes, Consumer<Routes> routes,
                       UnaryOperator<StubbedRail> useCases, boolean realKeys) {
        HandoffRail real = HandoffRail.builder().clock(clock).eventBus(bus).settings(railSettings).build();
        platformAdmin = bootstrap(real);
        this.realKeys = realKeys;
        StubbedRail rails = StubbedRail.over(real);
        rail = useCases.apply(realKeys ? rails : rails.authenticate(this::authenticate));
        app = HttpApi.create(rail, settings, probes, metrics, routes).start("127.0.0.1", 0);
        client = new TestClient(app.port());
    }

    static ApiHarness start(HttpSettings settings, Consumer<Routes> routes) {
        return start(settings, RailSettings.defaults(), routes);
    }

    static ApiHarness start(HttpSettings settings, RailSettings railSettings, Consumer<Routes> routes) {
        return new ApiHarness(settings, railSettings, new FixedProbes(true, null), routes, rails -> rails, false);
    }

    /** The standard routes over packet use cases supplied by the test; keys are the test's. */
    public static ApiHarness start(UnaryOperator<StubbedRail> useCases) {
        return new ApiHarness(HttpSettings.defaults(), RailSettings.defaults(), new FixedProbes(true, null),
                routes -> {
                }, useCases, false);
    }

    /** The standard routes over the real services; keys and tenants are created through the real use cases. */
    public static ApiHarness real() {
        return new ApiHarness(HttpSettings.defaults(), RailSettings.defaults(), new FixedProbes(true, null),
                routes -> {
                }, rails -> rails, true);
    }

    static ApiHarness start(HttpSettings settings, HttpProbes probes) {
        return new ApiHarness(settings, RailSettings.defaults(), probes, routes -> {
        }, rails -> rails, false);
    }

    /** Registers a new key of {@code role} in a new tenant of {@code tier}; returns the presented secret. */
    public String key(Role role, Tier tier) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        if (realKeys) {
            Tenant tenant = rail.manageTenants().create(platformAdmin, "Tenant " + suffix, tier, null, null, 100);
            return key(role, tenant);
        }
        return key(role, new Tenant(new TenantId("t-" + suffix), "Tenant", tier, null, null, START, START, null));
    }

    public String key(Role role, Tenant tenant) {
        if (realKeys) {
            return rail.manageKeys().create(platformAdmin, "test", role, tenant.id(), false).secret();
        }
        if (rail.manageTenants().list(platformAdmin).stream().noneMatch(known -> known.id().equals(tenant.id()))) {
            rail.manageTenants().create(platformAdmin, tenant.id().value(), tenant.tier(), tenant.id(),
                    tenant.handoffsPerDayOverride(), tenant.maxApiKeysOverride());
        }
        String secret = "hr_" + UUID.randomUUID().toString().replace("-", "") + "0123456789a";
        ApiKey key = new ApiKey(ApiKeyId.random(), tenant.id(), "test", secret.substring(0, 8), "hash", role, false,
                START, null, null);
        keys.put(secret, new Authenticated(key, tenant));
        return secret;
    }

    public Authenticated authenticated(String secret) {
        return realKeys ? rail.authenticate().authenticate(secret) : keys.get(secret);
    }

    private static Caller bootstrap(HandoffRail rail) {
        String secret = "hr_bootstrap_" + UUID.randomUUID().toString().replace("-", "");
        rail.manageKeys().bootstrap(secret);
        return Caller.of(rail.authenticate().authenticate(secret).key());
    }

    void revoke(String secret) {
        Authenticated current = keys.get(secret);
        keys.put(secret, new Authenticated(current.key().revokedAt(START), current.tenant()));
    }

    private Authenticated authenticate(String presented) {
        authentications.incrementAndGet();
        if (presented == null) {
            throw Errors.unauthorized("Missing X-API-Key header");
        }
        Authenticated found = keys.get(presented);
        if (found == null) {
            throw Errors.unauthorized("Invalid API key");
        }
        if (found.key().revoked()) {
            throw new HandoffRailException(ErrorCode.KEY_REVOKED, "API key has been revoked");
        }
        if (found.tenant().deleted()) {
            throw new HandoffRailException(ErrorCode.TENANT_DELETED, "Tenant has been deleted");
        }
        return found;
    }

    @Override
    public void close() {
        app.stop();
        rail.close();
    }

    /** Readiness answers fixed by the test. */
    record FixedProbes(boolean database, Boolean redis) implements HttpProbes {
        @Override
        public boolean databaseReady() {
            return database;
        }

        @Override
        public Boolean redisReady() {
            return redis;
        }
    }
}
