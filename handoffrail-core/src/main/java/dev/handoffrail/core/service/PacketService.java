package dev.handoffrail.core.service;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.RailObserver;
import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketPage;
import dev.handoffrail.core.packet.PacketPatch;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.port.in.BatchPacketsUseCase;
import dev.handoffrail.core.port.in.ClaimPacketUseCase;
import dev.handoffrail.core.port.in.Claimant;
import dev.handoffrail.core.port.in.CreatePacketUseCase;
import dev.handoffrail.core.port.in.QueryPacketsUseCase;
import dev.handoffrail.core.port.in.RespondToCheckpointUseCase;
import dev.handoffrail.core.port.in.UpdatePacketUseCase;
import dev.handoffrail.core.port.out.AuditLog;
import dev.handoffrail.core.port.out.ContextSchemaValidator;
import dev.handoffrail.core.port.out.DailyHandoffCounter;
import dev.handoffrail.core.port.out.DeliveryStore;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.PacketStore;
import dev.handoffrail.core.port.out.SchemaStore;
import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.port.out.Transactor;
import dev.handoffrail.core.port.out.WebhookStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Every packet use case (http-api.md §8, §9) over the driven ports: state changes are conditional updates whose
 * history, webhook outbox rows and quota charge commit in the same transaction, and whose events are published
 * after commit. Thread-safe. {@link #close()} ends waiting claim-next calls (shutdown).
 */
public final class PacketService implements CreatePacketUseCase, BatchPacketsUseCase, QueryPacketsUseCase,
        UpdatePacketUseCase, ClaimPacketUseCase, RespondToCheckpointUseCase, AutoCloseable {
    /** The driven ports the packet use cases use; {@code schemaValidator} may be null (no JSON Schema support). */
    public record Ports(Transactor transactor, PacketStore packets, AuditLog audit, TenantStore tenants,
                        WebhookStore webhooks, DeliveryStore deliveries, SchemaStore schemas,
                        ContextSchemaValidator schemaValidator, DailyHandoffCounter dailyHandoffs, EventBus eventBus,
                        Clock clock) {
        public Ports {
            requireNonNull(transactor, "transactor");
            requireNonNull(packets, "packets");
            requireNonNull(audit, "audit");
            requireNonNull(tenants, "tenants");
            requireNonNull(webhooks, "webhooks");
            requireNonNull(deliveries, "deliveries");
            requireNonNull(schemas, "schemas");
            requireNonNull(dailyHandoffs, "dailyHandoffs");
            requireNonNull(eventBus, "eventBus");
            requireNonNull(clock, "clock");
        }

        /** The ports that record a packet change. */
        JournalPorts journal() {
            return new JournalPorts(transactor, audit, webhooks, deliveries, eventBus, clock);
        }
    }

    private final PacketCreation creation;
    private final PacketClaims claims;
    private final PacketUpdates updates;
    private final PacketQueries queries;

    public PacketService(Ports ports, RailSettings settings, RailObserver observer) {
        requireNonNull(ports, "ports");
        requireNonNull(settings, "settings");
        requireNonNull(observer, "observer");
        TenantQuotas quotas = new TenantQuotas(ports, settings);
        ContextSchemas schemas = new ContextSchemas(ports);
        PacketJournal journal = new PacketJournal(ports.journal(), observer);
        this.creation = new PacketCreation(ports, quotas, schemas, journal);
        this.claims = new PacketClaims(ports, quotas, journal);
        this.updates = new PacketUpdates(ports, quotas, schemas, journal);
        this.queries = new PacketQueries(ports);
    }

    @Override
    public Packet create(Caller caller, PacketDraft draft) {
        return creation.create(caller, draft);
    }

    @Override
    public Packet chain(Caller caller, PacketId parent, PacketDraft draft) {
        return creation.chain(caller, parent, draft, null);
    }

    @Override
    public Packet chain(Caller caller, PacketId parent, PacketDraft draft, String leaseToken) {
        return creation.chain(caller, parent, draft, leaseToken);
    }

    @Override
    public BatchCreateResult createBatch(Caller caller, List<CreateItem> items) {
        return creation.createBatch(caller, items);
    }

    @Override
    public BatchClaimResult claimBatch(Caller caller, List<PacketId> packetIds, Claimant claimant) {
        return claims.claimBatch(caller, packetIds, claimant);
    }

    @Override
    public BatchCompleteResult completeBatch(Caller caller, List<PacketId> packetIds) {
        return updates.completeBatch(caller, packetIds);
    }

    @Override
    public Packet get(Caller caller, PacketId id) {
        return queries.get(caller, id);
    }

    @Override
    public PacketPage list(Caller caller, PacketQuery query) {
        return queries.list(caller, query);
    }

    @Override
    public PacketPage awaitingHuman(Caller caller, int limit, int offset) {
        return queries.awaitingHuman(caller, limit, offset);
    }

    @Override
    public PacketPage search(Caller caller, String text, Set<PacketStatus> statuses, Priority priority, int limit,
                             int offset) {
        return queries.search(caller, text, statuses, priority, limit, offset);
    }

    @Override
    public List<AuditEntry> history(Caller caller, PacketId id) {
        return queries.history(caller, id);
    }

    @Override
    public Packet update(Caller caller, PacketId id, PacketPatch patch) {
        return updates.update(caller, id, patch, null);
    }

    @Override
    public Packet update(Caller caller, PacketId id, PacketPatch patch, String leaseToken) {
        return updates.update(caller, id, patch, leaseToken);
    }

    @Override
    public void delete(Caller caller, PacketId id) {
        updates.delete(caller, id);
    }

    @Override
    public Packet claim(Caller caller, PacketId id, Claimant claimant) {
        return claims.claim(caller, id, claimant);
    }

    @Override
    public ClaimedPacket claim(Caller caller, PacketId id, Claimant claimant, Duration lease) {
        return claims.claim(caller, id, claimant, lease);
    }

    @Override
    public Optional<Packet> claimNext(Caller caller, ClaimNextCommand command) {
        return claims.claimNext(caller, command, null).map(ClaimedPacket::packet);
    }

    @Override
    public CompletableFuture<Optional<Packet>> claimNextAsync(Caller caller, ClaimNextCommand command) {
        return claims.claimNextAsync(caller, command, null).thenApply(taken -> taken.map(ClaimedPacket::packet));
    }

    @Override
    public Optional<ClaimedPacket> claimNext(Caller caller, ClaimNextCommand command, Duration lease) {
        return claims.claimNext(caller, command, lease);
    }

    @Override
    public CompletableFuture<Optional<ClaimedPacket>> claimNextAsync(Caller caller, ClaimNextCommand command,
                                                                     Duration lease) {
        return claims.claimNextAsync(caller, command, lease);
    }

    @Override
    public Packet heartbeat(Caller caller, PacketId id, String token, Duration lease) {
        return claims.heartbeat(caller, id, token, lease);
    }

    @Override
    public Packet respond(Caller caller, PacketId id, String response, String respondedBy, String notes) {
        return updates.respond(caller, id, response, respondedBy, notes);
    }

    /** Ends every waiting claim-next call with an empty answer; later calls do not wait. */
    @Override
    public void close() {
        claims.close();
    }

    /** How many claim-next calls are parked right now. */
    int claimNextWaiting() {
        return claims.waiting();
    }
}
