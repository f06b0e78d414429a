package dev.handoffrail.app;

import dev.handoffrail.adapters.webhook.JettyWebhookTransport;
import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.IssuedApiKey;
import dev.handoffrail.http.HttpApi;
import dev.handoffrail.http.HttpSettings;
import dev.handoffrail.persistence.redis.RedisConnection;
import dev.handoffrail.persistence.redis.RedisEventBus;
import dev.handoffrail.persistence.sql.DatabaseUrl;
import dev.handoffrail.persistence.sql.PoolSettings;
import dev.handoffrail.persistence.sql.SqlPersistence;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: persistence, the core, the HTTP API and the background workers, wired in a straight line
 * from {@link AppConfig}. {@link #close()} shuts down gracefully: stop accepting requests, let the ones in
 * flight and the current webhook attempts finish within the grace period, then close the webhook client and the
 * pools.
 */
public final class Application implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private final AppConfig config;
    private final SqlPersistence persistence;
    private final RedisConnection redis;
    private final RedisEventBus events;
    private final JettyWebhookTransport webhooks;
    private final HandoffRail rail;
    private final Javalin http;
    private final BackgroundWorkers workers;
    private final GracefulShutdown shutdown;
    private volatile boolean closed;

    private Application(AppConfig config, SqlPersistence persistence, RedisConnection redis, RedisEventBus events,
                        JettyWebhookTransport webhooks, HandoffRail rail, Javalin http, BackgroundWorkers workers,
                        GracefulShutdown shutdown) {
        this.config = config;
        this.persistence = persistence;
        this.redis = redis;
        this.events = events;
        this.webhooks = webhooks;
        this.rail = rail;
        this.http = http;
        this.workers = workers;
        this.shutdown = shutdown;
    }

    /** Starts everything; {@code bannerOut} receives the one-time generated admin key banner (standard error). */
    public static Application start(AppConfig config, PrintStream bannerOut) {
        LogLevels.apply(config.logLevel());
        if (config.environment() == AppConfig.Environment.PROD && config.corsAllowsAnyOrigin()) {
            LOG.warn("cors_allows_any_origin");
        }
        if (config.webhookSecretsUnencrypted()) {
            LOG.warn("webhook_secrets_unencrypted");
        }
        SqlPersistence persistence = openPersistence(config, config.migrateOnStart());
        RedisConnection redis = config.redisUrl() == null ? null : RedisConnection.open(config.redisUrl());
        if (redis != null && !redis.ping()) {
            LOG.atWarn().setMessage("redis_unreachable").addKeyValue("redis", redis.redacted()).log();
        }
        RedisEventBus events = redis == null ? null : RedisEventBus.open(redis);
        JettyWebhookTransport webhooks = new JettyWebhookTransport();
        try {
            PrometheusMeterRegistry metrics = metricsRegistry();
            Wiring.poolMetrics(persistence, metrics);
            HandoffRail rail = Wiring.rail(config, persistence, webhooks, metrics, redis, events);
            IssuedApiKey generated = rail.manageKeys().bootstrap(config.bootstrapAdminKey());
            if (generated != null) {
                BootstrapBanner.print(bannerOut, generated);
            }
            GracefulShutdown shutdown = new GracefulShutdown();
            Javalin http = HttpApi.create(rail, httpSettings(config),
                    Wiring.probes(config, persistence, redis, shutdown::draining), metrics);
            shutdown.install(http);
            http.start(config.host(), config.port());
            BackgroundWorkers workers = BackgroundWorkers.start(rail, config.sweepInterval());
            LOG.atInfo().setMessage("server_started")
                    .addKeyValue("port", http.port())
                    .addKeyValue("environment", config.environment().wireName())
                    .addKeyValue("database_backend", persistence.backend())
                    .log();
            return new Application(config, persistence, redis, events, webhooks, rail, http, workers, shutdown);
        } catch (RuntimeException e) {
            webhooks.close();
            if (events != null) {
                events.close();
            }
            if (redis != null) {
                redis.close();
            }
            persistence.close();
            throw e;
        }
    }

    /** Opens the configured database; migrations run when {@code migrate} is true. */
    static SqlPersistence openPersistence(AppConfig config, boolean migrate) {
        DatabaseUrl url = DatabaseUrl.parse(config.databaseUrl());
        return SqlPersistence.open(url, new PoolSettings(config.dbPoolSize(), config.dbMaxOverflow()), migrate,
                config.webhookSecrets());
    }

    /** The port the server listens on (useful with {@code HR_PORT} taken from the OS in tests). */
    public int port() {
        return http.port();
    }

    public HandoffRail rail() {
        return rail;
    }

    /** The shared event bus, or null without Redis (tests wait on it). */
    RedisEventBus events() {
        return events;
    }

    /**
     * Stops within {@code HR_SHUTDOWN_GRACE_SECONDS}: {@code /ready} turns 503 and the listener stays open for the
     * drain delay; then waiting claim-next calls end (204), Jetty stops accepting and lets requests in flight
     * finish, the workers finish their current pass (e.g. a webhook attempt), and the webhook client, Redis and the
     * database pool close. Each step gets what is left of the grace period.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Duration grace = config.shutdownGrace();
        long deadline = System.nanoTime() + grace.toNanos();
        shutdown.startDraining();
        Duration drainDelay = GracefulShutdown.drainDelay(grace);
        LOG.atInfo().setMessage("server_stopping").addKeyValue("grace_seconds", grace.toSeconds())
                .addKeyValue("drain_delay_ms", drainDelay.toMillis()).log();
        pause(drainDelay);
        rail.close();
        stopHttp(remaining(deadline));
        LOG.info("http_stopped");
        workers.close(remaining(deadline));
        LOG.info("workers_stopped");
        webhooks.close();
        if (events != null) {
            events.close();
        }
        if (redis != null) {
            redis.close();
        }
        persistence.close();
        LOG.info("server_stopped");
    }

    private static Duration remaining(long deadline) {
        long left = deadline - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops Jetty gracefully within {@code timeout}: no new connections, requests in flight finish, idle
     * connections close. Should that not fit, the stop still completes.
     */
    private void stopHttp(Duration timeout) {
        http.jettyServer().server().setStopTimeout(Math.max(1, timeout.toMillis()));
        try {
            http.stop();
        } catch (RuntimeException e) {
            LOG.atWarn().setMessage("http_stop_grace_exceeded").setCause(e).log();
        }
    }

    private static HttpSettings httpSettings(AppConfig config) {
        return HttpSettings.defaults()
                .withCorsOrigins(config.corsOrigins())
                .withMaxJsonDepth(config.maxJsonDepth())
                .withMetricsToken(config.metricsToken())
                .withTrustProxy(config.trustProxy());
    }

    private static PrometheusMeterRegistry metricsRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }
}
