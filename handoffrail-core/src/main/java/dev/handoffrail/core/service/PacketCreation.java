package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.PacketJournal.details;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.auth.Permissions;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.ConversationEntry;
import dev.handoffrail.core.packet.HitlCheckpoint;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketErrors;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketRules;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.BatchCreateResult;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.CreateItem;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.ItemError;
import dev.handoffrail.core.service.TenantQuotas.Limits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creating packets: single, chained and batched (http-api.md §9.1, §9.10, §9.12). Validation, schema and size come
 * first; the agent quota is read and the daily handoff reserved inside the creation's transaction. Thread-safe.
 */
final class PacketCreation {
    private final PacketService.Ports ports;
    private final TenantQuotas quotas;
    private final ContextSchemas schemas;
    private final PacketJournal journal;

    PacketCreation(PacketService.Ports ports, TenantQuotas quotas, ContextSchemas schemas, PacketJournal journal) {
        this.ports = ports;
        this.quotas = quotas;
        this.schemas = schemas;
        this.journal = journal;
    }

    Packet create(Caller caller, PacketDraft draft) {
        Permissions.require(caller, Operation.CREATE_PACKET);
        return createOne(caller, quotas.load(caller.tenant()), draft);
    }

    Packet chain(Caller caller, PacketId parentId, PacketDraft draft, String leaseToken) {
        Permissions.require(caller, Operation.CREATE_PACKET);
        Limits limits = quotas.load(caller.tenant());
        PacketRules.throwIfAny(PacketRules.validate(draft));
        Packet parent = ports.packets().find(limits.id(), parentId)
                .orElseThrow(() -> Errors.packetNotFound(parentId));
        List<ConversationEntry> conversation = new ArrayList<>(parent.context().conversationState());
        conversation.addAll(draft.context().conversationState());
        PacketContext context = draft.context();
        PacketDraft childDraft = draft.withParent(parentId).withContext(
                new PacketContext(context.summary(), conversation, context.artifacts(), context.custom()));
        if (childDraft.schemaId() != null) {
            schemas.check(limits.id(), childDraft.schemaId(), childDraft.context());
        }
        Instant now = journal.now();
        Packet child = newPacket(limits, childDraft, parent, now);
        quotas.checkStoredSize(limits, child);
        String actor = History.agent(child.sourceAgent().id());
        ports.packets().prepareWrite(child);
        return journal.write(caller.keyId(), now, entries -> {
            if (leaseToken != null) {
                Packet locked = ports.packets().findForUpdate(limits.id(), parentId)
                        .orElseThrow(() -> Errors.packetNotFound(parentId));
                if (!locked.lease().acceptsToken(leaseToken) || locked.lease().expiredAt(now)) {
                    throw PacketErrors.leaseLost(parentId);
                }
            }
            quotas.checkAgents(limits, List.of(child.sourceAgent().id(), child.targetAgent().id()));
            quotas.reserveHandoff(limits, now);
            ports.packets().insert(child);
            entries.history(child, History.CREATED, actor, details("parent_packet_id", parentId.toString(),
                    "chain", true));
            entries.history(parent, History.CHAINED, actor, details("child_packet_id", child.id().toString()));
            entries.event(EventType.PACKET_CHAINED, child, details("parent_packet_id", parentId.toString()));
            announceCheckpoint(entries, child);
            return child;
        });
    }

    BatchCreateResult createBatch(Caller caller, List<CreateItem> items) {
        Permissions.require(caller, Operation.CREATE_PACKET);
        BatchSize.check("packets", items.size());
        Limits limits = quotas.load(caller.tenant());
        quotas.requireAllowanceLeft(limits, journal.now());
        List<Packet> created = new ArrayList<>();
        List<ItemError> errors = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            try {
                CreateItem item = items.get(index);
                quotas.checkSize(limits, item.sizeBytes());
                if (item.unreadable() != null) {
                    throw item.unreadable();
                }
                created.add(createOne(caller, limits, item.draft()));
            } catch (HandoffRailException e) {
                errors.add(new ItemError(index, null, e.code(), e.detail()));
            }
        }
        return new BatchCreateResult(created, errors);
    }

    private Packet createOne(Caller caller, Limits limits, PacketDraft draft) {
        PacketRules.throwIfAny(PacketRules.validate(draft));
        Packet parent = null;
        if (draft.parentId() != null) {
            parent = ports.packets().find(limits.id(), draft.parentId())
                    .orElseThrow(() -> ValidationException.of("parent_packet_id",
                            "packet " + draft.parentId() + " not found"));
        }
        if (draft.schemaId() != null) {
            schemas.check(limits.id(), draft.schemaId(), draft.context());
        }
        Instant now = journal.now();
        Packet packet = newPacket(limits, draft, parent, now);
        quotas.checkStoredSize(limits, packet);
        ports.packets().prepareWrite(packet);
        return journal.write(caller.keyId(), now, entries -> {
            // inside the transaction: one connection per create, and the count read with the write it guards
            quotas.checkAgents(limits, List.of(draft.sourceAgent().id(), draft.targetAgent().id()));
            quotas.reserveHandoff(limits, now);
            ports.packets().insert(packet);
            entries.history(packet, History.CREATED, History.agent(packet.sourceAgent().id()), Map.of());
            entries.event(EventType.PACKET_CREATED, packet, Map.of());
            announceCheckpoint(entries, packet);
            return packet;
        });
    }

    /** A packet created straight into {@code awaiting_human} also announces that, with no previous status. */
    private static void announceCheckpoint(PacketJournal.Entries entries, Packet packet) {
        if (packet.status() == PacketStatus.AWAITING_HUMAN) {
            entries.transition(packet, null, Map.of());
        }
    }

    private static Packet newPacket(Limits limits, PacketDraft draft, Packet parent, Instant now) {
        PacketStatus status = draft.startsAwaitingHuman() ? PacketStatus.AWAITING_HUMAN : PacketStatus.CREATED;
        HitlCheckpoint hitl = draft.hitl() == null ? null : draft.hitl().cleared();
        int depth = parent == null ? 0 : parent.chainDepth() + 1;
        return new Packet(PacketId.random(), limits.id(), 1, draft.parentId(), draft.schemaId(), status,
                draft.sourceAgent(), draft.targetAgent(), draft.priority(), draft.tags(), draft.context(),
                draft.decisions(), draft.actions(), draft.dependencies(), hitl, depth, now, now, null, null, now);
    }
}
