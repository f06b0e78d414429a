package dev.handoffrail.core;

import dev.handoffrail.core.port.in.AuthenticateUseCase;
import dev.handoffrail.core.port.in.BatchPacketsUseCase;
import dev.handoffrail.core.port.in.ClaimPacketUseCase;
import dev.handoffrail.core.port.in.CreatePacketUseCase;
import dev.handoffrail.core.port.in.IdempotencyUseCase;
import dev.handoffrail.core.port.in.ManageKeysUseCase;
import dev.handoffrail.core.port.in.ManageSchemasUseCase;
import dev.handoffrail.core.port.in.ManageTenantsUseCase;
import dev.handoffrail.core.port.in.ManageWebhooksUseCase;
import dev.handoffrail.core.port.in.MonitoringUseCase;
import dev.handoffrail.core.port.in.QueryAuditUseCase;
import dev.handoffrail.core.port.in.QueryPacketsUseCase;
import dev.handoffrail.core.port.in.RateLimitUseCase;
import dev.handoffrail.core.port.in.RealtimeUseCase;
import dev.handoffrail.core.port.in.RespondToCheckpointUseCase;
import dev.handoffrail.core.port.in.RevocationsUseCase;
import dev.handoffrail.core.port.in.StatsUseCase;
import dev.handoffrail.core.port.in.UpdatePacketUseCase;
import dev.handoffrail.core.service.ExpirySweeper;
import dev.handoffrail.core.service.RetentionPurger;
import dev.handoffrail.core.service.WebhookDispatcher;
import java.time.Clock;

/**
 * HandoffRail embedded in a JVM application: every use case, wired over one set of driven ports that stay
 * inside. Adapters (HTTP, CLI) and embedders call the use cases; nothing else holds rules. Build one with
 * {@link #builder()}, or take {@link #inMemory()}; {@link #close()} releases what the builder created.
 * Implementations are thread-safe; the interface lets an adapter's tests put their own use cases in front.
 */
public interface HandoffRail extends AutoCloseable {
    /** A builder whose unset ports default to in-memory adapters (see {@link HandoffRailBuilder}). */
    static HandoffRailBuilder builder() {
        return new HandoffRailBuilder();
    }

    /** Everything in memory, default settings, the system clock: a complete rail for one JVM. */
    static HandoffRail inMemory() {
        return builder().build();
    }

    RailSettings settings();

    /** The rail's time source, for adapters that show times next to the rail's (uptime, export file names). */
    Clock clock();

    CreatePacketUseCase createPacket();

    BatchPacketsUseCase batchPackets();

    QueryPacketsUseCase queryPackets();

    UpdatePacketUseCase updatePacket();

    ClaimPacketUseCase claimPacket();

    RespondToCheckpointUseCase respondToCheckpoint();

    AuthenticateUseCase authenticate();

    /** The request rate windows and the failed-authentication throttle (http-api.md §5.2, §2.2). */
    RateLimitUseCase rateLimits();

    /** Remembered responses of requests sent with an idempotency key (http-api.md §9.16). */
    IdempotencyUseCase idempotency();

    /** Revoked keys and deleted tenants, for adapters that cache authenticated keys. */
    RevocationsUseCase revocations();

    /** Real-time connections: a tenant's packet events, its connection limit (http-api.md §17, §5.4). */
    RealtimeUseCase realtime();

    ManageKeysUseCase manageKeys();

    ManageTenantsUseCase manageTenants();

    ManageWebhooksUseCase manageWebhooks();

    ManageSchemasUseCase manageSchemas();

    QueryAuditUseCase queryAudit();

    StatsUseCase stats();

    /** System health figures and database gauges across tenants (http-api.md §15.2, §20). */
    MonitoringUseCase monitoring();

    /** Expires packets past their TTL or checkpoint timeout; run {@code runOnce()} every sweep interval. */
    ExpirySweeper expirySweeper();

    /** Purges terminal packets past their tenant's retention; run {@code runOnce()} once a day. */
    RetentionPurger retentionPurger();

    /** Sends due webhook deliveries; run {@code runOnce()} every second or so. */
    WebhookDispatcher webhookDispatcher();

    /**
     * Stops claim-next waiters (they return empty), ends real-time connections ({@code SHUTDOWN}) and closes what the builder created itself (the default
     * webhook transport and event bus); ports handed to the builder stay open. Idempotent.
     */
    @Override
    void close();
}
