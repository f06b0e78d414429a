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

/**
 * HandoffRail embedded in a JVM application: every use case, wired over one set of ports. Adapters (HTTP, CLI)
 * and embedders call the use cases; nothing else holds rules. Thread-safe.
 */
public final class HandoffRail {
    private final RailPorts ports;
    private final RailSettings settings;
    private final UseCases useCases;

    HandoffRail(RailPorts ports, RailSettings settings, UseCases useCases) {
        this.ports = requireNonNull(ports, "ports");
        this.settings = requireNonNull(settings, "settings");
        this.useCases = requireNonNull(useCases, "useCases");
    }

    /** The use case implementations, grouped so the builder can hand them over in one value. */
    record UseCases(CreatePacketUseCase createPacket, BatchPacketsUseCase batchPackets,
                    QueryPacketsUseCase queryPackets, UpdatePacketUseCase updatePacket,
                    ClaimPacketUseCase claimPacket, RespondToCheckpointUseCase respondToCheckpoint,
                    AuthenticateUseCase authenticate, ManageKeysUseCase manageKeys,
                    ManageTenantsUseCase manageTenants, ManageWebhooksUseCase manageWebhooks,
                    ManageSchemasUseCase manageSchemas, QueryAuditUseCase queryAudit, StatsUseCase stats) {
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
}
