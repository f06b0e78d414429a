package dev.handoffrail.app;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.RailObserver;
import dev.handoffrail.http.HttpProbes;
import dev.handoffrail.persistence.redis.RedisConnection;
import dev.handoffrail.persistence.sql.SqlPersistence;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;

/** Named factory steps of {@link Application#start}: each builds one piece from the ones before it. */
final class Wiring {
    private Wiring() {
    }

    static HandoffRail rail(AppConfig config, SqlPersistence db, PrometheusMeterRegistry metrics) {
        return HandoffRail.builder()
                .transactor(db.transactor())
                .packetStore(db.packets())
                .auditLog(db.audit())
                .tenantStore(db.tenants())
                .apiKeyStore(db.keys())
                .webhookStore(db.webhooks())
                .deliveryStore(db.deliveries())
                .schemaStore(db.schemas())
                .dailyHandoffCounter(db.dailyHandoffs())
                .idempotencyStore(db.idempotency())
                .settings(config.rail())
                .observer(observer(metrics))
                .clock(Clock.systemUTC())
                .build();
    }

    static RailObserver observer(PrometheusMeterRegistry metrics) {
        return RailObserver.NONE;
    }

    /** Readiness: the database answers, and Redis answers PING when it is configured ({@code redis} not null). */
    static HttpProbes probes(SqlPersistence db, RedisConnection redis) {
        return new HttpProbes() {
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

    /** Requests in flight get up to {@code grace} to finish when the server stops. */
    static void gracefulStop(Javalin http, Duration grace) {
        http.jettyServer().server().setStopTimeout(grace.toMillis());
    }
}
