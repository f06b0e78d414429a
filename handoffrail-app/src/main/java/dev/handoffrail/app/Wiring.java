package dev.handoffrail.app;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.handoffrail.adapters.schema.NetworkntContextSchemaValidator;
import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.HandoffRailBuilder;
import dev.handoffrail.core.RailObserver;
import dev.handoffrail.core.memory.InMemoryRateLimiter;
import dev.handoffrail.core.port.out.RateLimiter;
import dev.handoffrail.core.port.out.WebhookTransport;
import dev.handoffrail.http.HttpProbes;
import dev.handoffrail.http.SystemInfo;
import dev.handoffrail.http.metrics.MicrometerRailObserver;
import dev.handoffrail.persistence.redis.RedisConnection;
import dev.handoffrail.persistence.redis.RedisConnectionCounter;
import dev.handoffrail.persistence.redis.RedisEventBus;
import dev.handoffrail.persistence.redis.RedisRateLimiter;
import dev.handoffrail.persistence.sql.SqlPersistence;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Named factory steps of {@link Application#start}: each builds one piece from the ones before it. */
final class Wiring {
    private Wiring() {
    }

    /** How long the rate limiter decides per instance after a Redis failure before asking Redis again. */
    static final Duration REDIS_RETRY_INTERVAL = Duration.ofSeconds(1);

    /**
     * The rail on {@code db}; with {@code events} (set when {@code HR_REDIS_URL} is), its event bus, rate-limit
     * counters and real-time connection counts are shared with the other instances through Redis.
     */
    static HandoffRail rail(AppConfig config, SqlPersistence db, WebhookTransport webhooks,
                            PrometheusMeterRegistry metrics, RedisConnection redis, RedisEventBus events) {
        HandoffRailBuilder builder = HandoffRail.builder();
        if (redis != null) {
            // real-time connection limits count connections on every instance (http-api.md §5.4)
            builder.eventBus(events).rateLimiter(rateLimiter(config, redis, metrics))
                    .connectionCounter(new RedisConnectionCounter(redis));
        }
        return builder
                .transactor(db.transactor())
                .packetStore(db.packets())
                .packetStatistics(db.packetStatistics())
                .auditLog(db.audit())
                .tenantStore(db.tenants())
                .apiKeyStore(db.keys())
                .webhookStore(db.webhooks())
                .deliveryStore(db.deliveries())
                .schemaStore(db.schemas())
                .dailyHandoffCounter(db.dailyHandoffs())
                .idempotencyStore(db.idempotency())
                .webhookTransport(webhooks)
                .schemaValidator(new NetworkntContextSchemaValidator())
                .settings(config.rail())
                .observer(observer(metrics))
                .clock(Clock.systemUTC())
                .build();
    }

    /**
     * Counters in Redis; while Redis is unreachable, per-instance counters with the limit divided by
     * {@code HR_EXPECTED_INSTANCES}, each such decision counted in {@code handoffrail_redis_fallback_total}.
     */
    static RateLimiter rateLimiter(AppConfig config, RedisConnection redis, MeterRegistry metrics) {
        Counter fallbacks = Counter.builder("handoffrail.redis.fallback")
                .description("Rate-limit decisions made per instance because Redis was unreachable")
                .register(metrics);
        return new RedisRateLimiter(redis, new InMemoryRateLimiter(), config.expectedInstances(), fallbacks::increment,
                REDIS_RETRY_INTERVAL);
    }

    static RailObserver observer(PrometheusMeterRegistry metrics) {
        return RailObserver.all(List.of(new MicrometerRailObserver(metrics), new EventLog()));
    }

    /**
     * Readiness: the database answers, and Redis answers PING when it is configured ({@code redis} not null), and
     * the server is not {@code draining} for a shutdown.
     */
    static HttpProbes probes(AppConfig config, SqlPersistence db, RedisConnection redis, BooleanSupplier draining) {
        return new HttpProbes() {
            @Override
            public boolean draining() {
                return draining.getAsBoolean();
            }

            @Override
            public SystemInfo systemInfo() {
                SqlPersistence.PoolStats pool = db.poolStats();
                return new SystemInfo(version(), config.environment().wireName(), db.backend(),
                        db.databaseSizeBytes(),
                        new SystemInfo.ConnectionPool(pool.size(), pool.active(), pool.idle(), pool.pending()));
            }

            @Override
            public boolean databaseReady() {
                return db.ping();
            }

            @Override
            public Boolean redisReady() {
                return redis == null ? null : redis.ping();
            }
        };
    }

    /** Pool metrics ({@code hikaricp_*}) in the same registry as everything else. */
    static void poolMetrics(SqlPersistence db, PrometheusMeterRegistry metrics) {
        if (db.dataSource() instanceof HikariDataSource hikari) {
            hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        }
    }

    /** The version in the jar's manifest, or {@code dev} when running from classes. */
    static String version() {
        String version = Wiring.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

}
