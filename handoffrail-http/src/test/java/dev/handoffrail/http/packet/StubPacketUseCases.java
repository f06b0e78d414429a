package dev.handoffrail.http.packet;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketCursor;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketPage;
import dev.handoffrail.core.packet.PacketPatch;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.port.in.BatchPacketsUseCase;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.CreateItem;
import dev.handoffrail.core.port.in.ClaimPacketUseCase;
import dev.handoffrail.core.port.in.Claimant;
import dev.handoffrail.core.port.in.CreatePacketUseCase;
import dev.handoffrail.core.port.in.QueryPacketsUseCase;
import dev.handoffrail.core.port.in.UpdatePacketUseCase;
import dev.handoffrail.http.StubbedRail;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Packet use cases that record what the HTTP adapter handed them and answer with fixed packets, so that the
 * adapter's own mapping (query parameters, bodies, shapes, status codes) can be checked without the services.
 */
final class StubPacketUseCases implements UnaryOperator<StubbedRail> {
    static final Instant CREATED = Instant.parse("2026-05-30T19:35:00.123456Z");
    static final PacketId KNOWN = new PacketId(UUID.fromString("9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10"));

    final List<Object> calls = new ArrayList<>();
    PacketQuery lastQuery;
    Optional<Packet> next = Optional.empty();

    @Override
    public StubbedRail apply(StubbedRail rails) {
        return rails.createPacket(new CreatePacketUseCase() {
            @Override
            public Packet create(Caller caller, PacketDraft draft) {
                calls.add(draft);
                return packetOf(PacketId.random(), draft);
            }

            @Override
            public Packet chain(Caller caller, PacketId parent, PacketDraft draft) {
                calls.add(parent);
                calls.add(draft);
                return packetOf(PacketId.random(), draft.withParent(parent));
            }
        }).queryPackets(new QueryPacketsUseCase() {
            @Override
            public Packet get(Caller caller, PacketId id) {
                calls.add(id);
                if (!id.equals(KNOWN)) {
                    throw Errors.packetNotFound(id);
                }
                return known();
            }

            @Override
            public PacketPage list(Caller caller, PacketQuery query) {
                lastQuery = query;
                return new PacketPage(List.of(known()), 7, new PacketCursor(CREATED, KNOWN));
            }

            @Override
            public PacketPage awaitingHuman(Caller caller, int limit, int offset) {
                calls.add(List.of(limit, offset));
                return new PacketPage(List.of(), 0, null);
            }

            @Override
            public PacketPage search(Caller caller, String text, Set<PacketStatus> statuses, Priority priority,
                                     int limit, int offset) {
                calls.add(List.of(text, statuses, String.valueOf(priority), limit, offset));
                return new PacketPage(List.of(known()), 1, null);
            }

            @Override
            public List<AuditEntry> history(Caller caller, PacketId id) {
                calls.add(id);
                return List.of(AuditEntry.history(caller.tenant(), id, "created", "agent:sales-01", Map.of(),
                        CREATED, new ApiKeyId(UUID.fromString("5e7a9a0c-0000-4000-8000-000000000001"))));
            }
        }).updatePacket(new UpdatePacketUseCase() {
            @Override
            public Packet update(Caller caller, PacketId id, PacketPatch patch) {
                calls.add(patch);
                return known();
            }

            @Override
            public void delete(Caller caller, PacketId id) {
                calls.add(id);
            }
        }).claimPacket(new ClaimPacketUseCase() {
            @Override
            public Packet claim(Caller caller, PacketId id, Claimant claimant) {
                calls.add(claimant.asAgent());
                return known();
            }

            @Override
            public Optional<Packet> claimNext(Caller caller, ClaimNextCommand command) {
                calls.add(command);
                return next;
            }

            @Override
            public CompletableFuture<Optional<Packet>> claimNextAsync(Caller caller, ClaimNextCommand command) {
                return CompletableFuture.completedFuture(claimNext(caller, command));
            }
        }).respondToCheckpoint((caller, id, response, respondedBy, notes) -> {
            calls.add(List.of(response, respondedBy, String.valueOf(notes)));
            return known();
        }).batchPackets(new BatchPacketsUseCase() {
            @Override
            public BatchCreateResult createBatch(Caller caller, List<CreateItem> items) {
                calls.add(items);
                List<Packet> created = items.size() > 1 ? List.of(known()) : List.of();
                return new BatchCreateResult(created,
                        List.of(new ItemError(0, null, ErrorCode.VALIDATION_ERROR, "context: field is required")));
            }

            @Override
            public BatchClaimResult claimBatch(Caller caller, List<PacketId> packetIds, Claimant claimant) {
                calls.add(packetIds);
                calls.add(claimant.asAgent());
                return new BatchClaimResult(List.of(known()),
                        List.of(new ItemError(null, packetIds.get(0), ErrorCode.ALREADY_CLAIMED,
                                "Already claimed by billing-02")));
            }

            @Override
            public BatchCompleteResult completeBatch(Caller caller, List<PacketId> packetIds) {
                calls.add(packetIds);
                return new BatchCompleteResult(List.of(), List.of());
            }
        });
    }

    static Packet known() {
        return packetOf(KNOWN, PacketDraft.of(AgentInfo.of("sales-01", "SalesBot"),
                AgentInfo.of("billing-01", "BillingBot"), "Customer wants to upgrade"));
    }

    private static Packet packetOf(PacketId id, PacketDraft draft) {
        return new Packet(id, dev.handoffrail.core.tenant.TenantId.DEFAULT, 1, draft.parentId(), draft.schemaId(),
                PacketStatus.CREATED, draft.sourceAgent(), draft.targetAgent(), draft.priority(), draft.tags(),
                draft.context(), draft.decisions(), draft.actions(), draft.dependencies(), draft.hitl(), 0, CREATED,
                CREATED, null, null, CREATED);
    }
}
