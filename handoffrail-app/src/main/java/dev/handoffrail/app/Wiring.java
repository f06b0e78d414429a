package dev.handoffrail.app;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.handoffrail.adapters.schema.NetworkntContextSchemaValidator;
import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.RailObserver;
import dev.handoffrail.core.port.out.WebhookTransport;
import dev.handoffrail.http.HttpProbes;
import dev.handoffrail.http.SystemInfo;
import dev.handoffrail.http.metrics.MicrometerRailObserver;
import dev.handoffrail.persistence.redis.RedisConnection;
import dev.handoffrail.persistence.sql.SqlPersistence;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Named factory steps of {@link Application#start}: each builds one piece from the ones before it. */
final class Wiring {
    private Wiring() {
    }

    static HandoffRail rail(AppConfig config, SqlPersistence db, WebhookTransport webhooks,
                            PrometheusMeterRegistry metrics) {
        return HandoffRail.builder()
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

    static RailObserver observer(PrometheusMeterRegistry metrics) {
        return RailObserver.all(List.of(new MicrometerRailObserver(metrics), new EventLog()));
    }

    /** Readiness: the database answers, and Redis answers PING when it is configured ({@code redis} not null). */
    static HttpProbes probes(AppConfig config, SqlPersistence db, RedisConnection redis) {
        return new HttpProbes() {
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

    /** Requests in flight get up to {@code grace} to finish when the server stops. */
    static void gracefulStop(Javalin http, Duration grace) {
        http.jettyServer().server().setStopTimeout(grace.toMillis());
    }
}
