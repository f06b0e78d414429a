package dev.handoffrail.core;

import static java.util.Objects.requireNonNull;

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
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** The {@link HandoffRail} the builder wires: fixed use cases and workers, and what to close. Thread-safe. */
final class WiredRail implements HandoffRail {
    private final RailSettings settings;
    private final Clock clock;
    private final UseCases useCases;
    private final Workers workers;
    private final List<AutoCloseable> resources;
    private final AtomicBoolean closed = new AtomicBoolean();

    WiredRail(RailSettings settings, Clock clock, UseCases useCases, Workers workers,
              List<AutoCloseable> resources) {
        this.settings = requireNonNull(settings, "settings");
        this.clock = requireNonNull(clock, "clock");
        this.useCases = requireNonNull(useCases, "useCases");
        this.workers = requireNonNull(workers, "workers");
        this.resources = List.copyOf(resources);
    }

    /** The use case implementations, grouped so the builder can hand them over in one value. */
    record UseCases(CreatePacketUseCase createPacket, BatchPacketsUseCase batchPackets,
                    QueryPacketsUseCase queryPackets, UpdatePacketUseCase updatePacket,
                    ClaimPacketUseCase claimPacket, RespondToCheckpointUseCase respondToCheckpoint,
                    AuthenticateUseCase authenticate, RateLimitUseCase rateLimits, IdempotencyUseCase idempotency,
                    RevocationsUseCase revocations, RealtimeUseCase realtime, ManageKeysUseCase manageKeys,
                    ManageTenantsUseCase manageTenants, ManageWebhooksUseCase manageWebhooks,
                    ManageSchemasUseCase manageSchemas, QueryAuditUseCase queryAudit, StatsUseCase stats,
                    MonitoringUseCase monitoring) {
    }

    /** The background work whose loops the application runs. */
    record Workers(ExpirySweeper expirySweeper, RetentionPurger retentionPurger,
                   WebhookDispatcher webhookDispatcher) {
    }

    @Override
    public RailSettings settings() {
        return settings;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public CreatePacketUseCase createPacket() {
        return useCases.createPacket();
    }

    @Override
    public BatchPacketsUseCase batchPackets() {
        return useCases.batchPackets();
    }

    @Override
    public QueryPacketsUseCase queryPackets() {
        return useCases.queryPackets();
    }

    @Override
    public UpdatePacketUseCase updatePacket() {
        return useCases.updatePacket();
    }

    @Override
    public ClaimPacketUseCase claimPacket() {
        return useCases.claimPacket();
    }

    @Override
    public RespondToCheckpointUseCase respondToCheckpoint() {
        return useCases.respondToCheckpoint();
    }

    @Override
    public AuthenticateUseCase authenticate() {
        return useCases.authenticate();
    }

    @Override
    public RateLimitUseCase rateLimits() {
        return useCases.rateLimits();
    }

    @Override
    public IdempotencyUseCase idempotency() {
        return useCases.idempotency();
    }

    @Override
    public RevocationsUseCase revocations() {
        return useCases.revocations();
    }

    @Override
    public RealtimeUseCase realtime() {
        return useCases.realtime();
    }

    @Override
    public ManageKeysUseCase manageKeys() {
        return useCases.manageKeys();
    }

    @Override
    public ManageTenantsUseCase manageTenants() {
        return useCases.manageTenants();
    }

    @Override
    public ManageWebhooksUseCase manageWebhooks() {
        return useCases.manageWebhooks();
    }

    @Override
    public ManageSchemasUseCase manageSchemas() {
        return useCases.manageSchemas();
    }

    @Override
    public QueryAuditUseCase queryAudit() {
        return useCases.queryAudit();
    }

    @Override
    public StatsUseCase stats() {
        return useCases.stats();
    }

    @Override
    public MonitoringUseCase monitoring() {
        return useCases.monitoring();
    }

    @Override
    public ExpirySweeper expirySweeper() {
        return workers.expirySweeper();
    }

    @Override
    public RetentionPurger retentionPurger() {
        return workers.retentionPurger();
    }

    @Override
    public WebhookDispatcher webhookDispatcher() {
        return workers.webhookDispatcher();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing HandoffRail failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
