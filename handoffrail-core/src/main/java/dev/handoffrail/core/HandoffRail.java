package dev.handoffrail.core;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.port.in.AuthenticateUseCase;
import dev.handoffrail.core.port.in.BatchPacketsUseCase;
import dev.handoffrail.core.port.in.ClaimPacketUseCase;
import dev.handoffrail.core.port.in.CreatePacketUseCase;
import dev.handoffrail.core.port.in.ManageKeysUseCase;
import dev.handoffrail.core.port.in.ManageSchemasUseCase;
import dev.handoffrail.core.port.in.ManageTenantsUseCase;
import dev.handoffrail.core.port.in.ManageWebhooksUseCase;
import dev.handoffrail.core.port.in.QueryAuditUseCase;
import dev.handoffrail.core.port.in.QueryPacketsUseCase;
import dev.handoffrail.core.port.in.RespondToCheckpointUseCase;
import dev.handoffrail.core.port.in.StatsUseCase;
import dev.handoffrail.core.port.in.UpdatePacketUseCase;
import dev.handoffrail.core.service.ExpirySweeper;
import dev.handoffrail.core.service.RetentionPurger;
import dev.handoffrail.core.service.WebhookDispatcher;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * HandoffRail embedded in a JVM application: every use case, wired over one set of ports. Adapters (HTTP, CLI)
 * and embedders call the use cases; nothing else holds rules. Build one with {@link #builder()}, or take
 * {@link #inMemory()}; {@link #close()} releases what the builder created. Thread-safe.
 */
public final class HandoffRail implements AutoCloseable {
    private final RailPorts ports;
    private final RailSettings settings;
    private final UseCases useCases;
    private final Workers workers;
    private final List<AutoCloseable> resources;
    private final AtomicBoolean closed = new AtomicBoolean();

    HandoffRail(RailPorts ports, RailSettings settings, UseCases useCases, Workers workers,
                List<AutoCloseable> resources) {
        this.ports = requireNonNull(ports, "ports");
        this.settings = requireNonNull(settings, "settings");
        this.useCases = requireNonNull(useCases, "useCases");
        this.workers = requireNonNull(workers, "workers");
        this.resources = List.copyOf(resources);
    }

    /** A builder whose unset ports default to in-memory adapters (see {@link HandoffRailBuilder}). */
    public static HandoffRailBuilder builder() {
        return new HandoffRailBuilder();
    }

    /** Everything in memory, default settings, the system clock: a complete rail for one JVM. */
    public static HandoffRail inMemory() {
        return builder().build();
    }

    /** The use case implementations, grouped so the builder can hand them over in one value. */
    record UseCases(CreatePacketUseCase createPacket, BatchPacketsUseCase batchPackets,
                    QueryPacketsUseCase queryPackets, UpdatePacketUseCase updatePacket,
                    ClaimPacketUseCase claimPacket, RespondToCheckpointUseCase respondToCheckpoint,
                    AuthenticateUseCase authenticate, ManageKeysUseCase manageKeys,
                    ManageTenantsUseCase manageTenants, ManageWebhooksUseCase manageWebhooks,
                    ManageSchemasUseCase manageSchemas, QueryAuditUseCase queryAudit, StatsUseCase stats) {
    }

    /** The background work whose loops the application runs. */
    record Workers(ExpirySweeper expirySweeper, RetentionPurger retentionPurger,
                   WebhookDispatcher webhookDispatcher) {
    }

    public RailPorts ports() {
        return ports;
    }

    public RailSettings settings() {
        return settings;
    }

    public CreatePacketUseCase createPacket() {
        return useCases.createPacket();
    }

    public BatchPacketsUseCase batchPackets() {
        return useCases.batchPackets();
    }

    public QueryPacketsUseCase queryPackets() {
        return useCases.queryPackets();
    }

    public UpdatePacketUseCase updatePacket() {
        return useCases.updatePacket();
    }

    public ClaimPacketUseCase claimPacket() {
        return useCases.claimPacket();
    }

    public RespondToCheckpointUseCase respondToCheckpoint() {
        return useCases.respondToCheckpoint();
    }

    public AuthenticateUseCase authenticate() {
        return useCases.authenticate();
    }

    public ManageKeysUseCase manageKeys() {
        return useCases.manageKeys();
    }

    public ManageTenantsUseCase manageTenants() {
        return useCases.manageTenants();
    }

    public ManageWebhooksUseCase manageWebhooks() {
        return useCases.manageWebhooks();
    }

    public ManageSchemasUseCase manageSchemas() {
        return useCases.manageSchemas();
    }

    public QueryAuditUseCase queryAudit() {
        return useCases.queryAudit();
    }

    public StatsUseCase stats() {
        return useCases.stats();
    }

    /** Expires packets past their TTL or checkpoint timeout; run {@code runOnce()} every sweep interval. */
    public ExpirySweeper expirySweeper() {
        return workers.expirySweeper();
    }

    /** Purges terminal packets past their tenant's retention; run {@code runOnce()} once a day. */
    public RetentionPurger retentionPurger() {
        return workers.retentionPurger();
    }

    /** Sends due webhook deliveries; run {@code runOnce()} every second or so. */
    public WebhookDispatcher webhookDispatcher() {
        return workers.webhookDispatcher();
    }

    /**
     * Stops claim-next waiters (they return empty) and closes what the builder created itself (the default
     * webhook transport and event bus); ports handed to the builder stay open. Idempotent.
     */
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
