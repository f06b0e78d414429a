package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.PacketJournal.details;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.auth.Permissions;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.Actions;
import dev.handoffrail.core.packet.Decision;
import dev.handoffrail.core.packet.HitlCheckpoint;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketErrors;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketPatch;
import dev.handoffrail.core.packet.PacketRules;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Trigger;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.BatchCompleteResult;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.ItemError;
import dev.handoffrail.core.service.TenantQuotas.Limits;
import dev.handoffrail.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * PATCH, soft delete, respond and batch complete (http-api.md §9.6, §9.7, §9.9, §9.12). Each runs in one
 * transaction over the row-locked packet: everything is checked before anything is applied, and the change is
 * one conditional update. Thread-safe.
 */
final class PacketUpdates {
    private final PacketService.Ports ports;
    private final TenantQuotas quotas;
    private final ContextSchemas schemas;
    private final PacketJournal journal;

    PacketUpdates(PacketService.Ports ports, TenantQuotas quotas, ContextSchemas schemas, PacketJournal journal) {
        this.ports = ports;
        this.quotas = quotas;
        this.schemas = schemas;
        this.journal = journal;
    }

    Packet update(Caller caller, PacketId id, PacketPatch patch, String leaseToken) {
        Permissions.require(caller, Operation.UPDATE_PACKET);
        PacketRules.throwIfAny(PacketRules.validate(patch));
        Limits limits = quotas.load(caller.tenant());
        return journal.write(caller.keyId(), entries -> {
            Packet current = lockedPacket(limits.id(), id);
            PacketStatus from = current.status();
            if (patch.touchesContent() && from.isTerminal()) {
                throw PacketErrors.packetTerminal(id, from);
            }
            PacketStatus to = patch.status() == null || patch.status() == from ? null : patch.status();
            checkLease(current, to, leaseToken, entries);
            if (to != null && !current.canMove(to, Trigger.PATCH)) {
                throw PacketErrors.invalidTransition(from, to);
            }
            Packet merged = merged(current, patch, entries);
            if (to == PacketStatus.AWAITING_HUMAN && merged.hitl() == null) {
                throw PacketErrors.noHitlCheckpoint();
            }
            if (patch.schemaId() != null || patch.context() != null && merged.schemaId() != null) {
                schemas.check(limits.id(), merged.schemaId(), merged.context());
            }
            List<String> changed = changedFields(current, merged, patch);
            if (to == null && changed.isEmpty()) {
                return current;
            }
            Packet next = next(current, changed.isEmpty() ? current : merged, to, entries);
            if (!changed.isEmpty()) {
                quotas.checkStoredSize(limits, next);
            }
            store(next, from);
            String actor = History.agent(current.targetAgent().id());
            if (to == null) {
                entries.history(next, History.UPDATED, actor, details("fields_changed", changed));
                entries.event(EventType.PACKET_UPDATED, next, details("fields_changed", changed));
            } else {
                entries.history(next, to.wireName(), actor, details("from_status", from.wireName(),
                        "to_status", to.wireName(), "fields_changed", changed));
                entries.transition(next, from, to == PacketStatus.EXPIRED ? details("reason", "patch") : Map.of());
            }
            return next;
        });
    }

    /**
     * The leaseholder's proof (issue 14): a token must hold the packet's unexpired lease; without a token, a leased
     * packet refuses the leaseholder's transitions (in_progress, completed, failed). Thrown before anything changes.
     */
    private static void checkLease(Packet current, PacketStatus to, String token, PacketJournal.Entries entries) {
        boolean holds = current.lease().acceptsToken(token) && !current.lease().expiredAt(entries.now());
        if (token != null && !holds) {
            throw PacketErrors.leaseLost(current.id());
        }
        boolean leaseholderMove = to == PacketStatus.IN_PROGRESS || to == PacketStatus.COMPLETED
                || to == PacketStatus.FAILED;
        if (token == null && leaseholderMove && current.lease().held()) {
            throw PacketErrors.leaseLost(current.id());
        }
    }

    void delete(Caller caller, PacketId id) {
        Permissions.require(caller, Operation.DELETE_PACKET);
        journal.write(caller.keyId(), entries -> {
            Packet current = lockedPacket(caller.tenant(), id);
            if (!current.canMove(PacketStatus.EXPIRED, Trigger.DELETE)) {
                throw PacketErrors.alreadyExpired(id);
            }
            Packet expired = current.movedTo(PacketStatus.EXPIRED, Trigger.DELETE, entries.now());
            store(expired, current.status());
            entries.history(expired, PacketStatus.EXPIRED.wireName(), History.SOFT_DELETE,
                    details("previous_status", current.status().wireName(), "reason", "soft_delete"));
            entries.transition(expired, current.status(), details("reason", "soft_delete"));
            return expired;
        });
    }

    Packet respond(Caller caller, PacketId id, String response, String respondedBy, String notes) {
        Permissions.require(caller, Operation.RESPOND_TO_CHECKPOINT);
        PacketRules.throwIfAny(PacketRules.validateResponse(response, respondedBy, notes));
        Limits limits = quotas.load(caller.tenant());
        return journal.write(caller.keyId(), entries -> {
            Packet current = lockedPacket(limits.id(), id);
            if (!current.canMove(PacketStatus.CLAIMED, Trigger.RESPOND)) {
                throw current.status() == PacketStatus.EXPIRED
                        ? PacketErrors.gone(id) : PacketErrors.notAwaitingHuman(current.status());
            }
            HitlCheckpoint checkpoint = current.hitl();
            if (checkpoint == null) {
                throw PacketErrors.noHitlCheckpoint();
            }
            if (!checkpoint.accepts(response)) {
                throw PacketErrors.invalidHitlResponse(checkpoint.options());
            }
            Packet answered = current.responded(response, respondedBy, notes, entries.now());
            quotas.checkStoredSize(limits, answered);
            store(answered, current.status());
            entries.history(answered, History.HITL_RESPONDED, History.human(respondedBy), details(
                    "response", response, "notes", notes, "transition_to", PacketStatus.CLAIMED.wireName()));
            entries.event(EventType.HITL_RESPONSE_READY, answered,
                    details("hitl_response", response, "responded_by", respondedBy));
            return answered;
        });
    }

    BatchCompleteResult completeBatch(Caller caller, List<PacketId> ids) {
        Permissions.require(caller, Operation.COMPLETE_PACKETS);
        BatchSize.check("packet_ids", ids.size());
        List<Packet> completed = new ArrayList<>();
        List<ItemError> errors = new ArrayList<>();
        Set<PacketId> seen = new HashSet<>();
        for (PacketId id : ids) {
            if (!seen.add(id)) {
                errors.add(new ItemError(null, id, ErrorCode.DUPLICATE, PacketClaims.DUPLICATE_ID));
                continue;
            }
            try {
                completed.add(complete(caller, id));
            } catch (HandoffRailException e) {
                errors.add(new ItemError(null, id, e.code(), e.detail()));
            }
        }
        return new BatchCompleteResult(completed, errors);
    }

    private Packet complete(Caller caller, PacketId id) {
        return journal.write(caller.keyId(), entries -> {
            Packet current = lockedPacket(caller.tenant(), id);
            if (!current.canMove(PacketStatus.COMPLETED, Trigger.BATCH_COMPLETE)) {
                throw PacketErrors.completeFromStatus(current.status());
            }
            Packet done = current.movedTo(PacketStatus.COMPLETED, Trigger.BATCH_COMPLETE, entries.now());
            store(done, current.status());
            entries.history(done, PacketStatus.COMPLETED.wireName(), History.BATCH_COMPLETE,
                    details("from_status", current.status().wireName()));
            entries.transition(done, current.status(), Map.of());
            return done;
        });
    }

    private Packet lockedPacket(TenantId tenant, PacketId id) {
        return ports.packets().findForUpdate(tenant, id).orElseThrow(() -> Errors.packetNotFound(id));
    }

    /** The conditional update of a row this transaction has locked: losing it would be a store defect. */
    private void store(Packet next, PacketStatus expected) {
        if (!ports.packets().update(next, expected)) {
            throw new IllegalStateException("packet " + next.id() + " changed under its row lock");
        }
    }

    /** {@code current} with the patch's content applied (§9.6 merge rules); status untouched. */
    private static Packet merged(Packet current, PacketPatch patch, PacketJournal.Entries entries) {
        return current.withContent(m -> {
            if (patch.context() != null) {
                m.context = patch.context();
            }
            if (patch.decisions() != null) {
                m.decisions = upsert(current.decisions(), patch.decisions());
            }
            Actions actions = current.actions();
            m.actions = new Actions(
                    patch.pendingActions() != null ? patch.pendingActions() : actions.pending(),
                    patch.completedActions() != null ? patch.completedActions() : actions.completed(),
                    patch.failedActions() != null ? patch.failedActions() : actions.failed());
            if (patch.dependencies() != null) {
                m.dependencies = patch.dependencies();
            }
            if (patch.hitl() != null) {
                m.hitl = current.hitl() == null ? patch.hitl().cleared() : current.hitl().replacedBy(patch.hitl());
            }
            if (patch.schemaId() != null) {
                m.schemaId = patch.schemaId();
            }
        }, entries.now());
    }

    /** Decisions upserted by id: a known id is replaced in place, new ids are appended in request order. */
    private static List<Decision> upsert(List<Decision> stored, List<Decision> sent) {
        Map<String, Decision> byId = new LinkedHashMap<>();
        stored.forEach(d -> byId.put(d.id(), d));
        sent.forEach(d -> byId.put(d.id(), d));
        return List.copyOf(byId.values());
    }

    /** The content fields of the patch, in contract order, whose value actually differs after the merge. */
    private static List<String> changedFields(Packet current, Packet merged, PacketPatch patch) {
        List<String> changed = new ArrayList<>();
        for (String field : patch.contentFields()) {
            boolean differs = switch (field) {
                case "context" -> !current.context().equals(merged.context());
                case "decisions" -> !current.decisions().equals(merged.decisions());
                case "actions" -> !current.actions().equals(merged.actions());
                case "dependencies" -> !current.dependencies().equals(merged.dependencies());
                case "hitl" -> !Objects.equals(current.hitl(), merged.hitl());
                case "schema_id" -> !Objects.equals(current.schemaId(), merged.schemaId());
                default -> throw new IllegalStateException("unknown content field " + field);
            };
            if (differs) {
                changed.add(field);
            }
        }
        return List.copyOf(changed);
    }

    /** {@code content} moved to {@code to} (if any), as one new revision of {@code current}. */
    private static Packet next(Packet current, Packet content, PacketStatus to, PacketJournal.Entries entries) {
        Packet next = to == null ? content : content.movedTo(to, Trigger.PATCH, entries.now());
        if (next.revision() == current.revision() + 1) {
            return next;
        }
        return new Packet(next.id(), next.tenant(), current.revision() + 1, next.parentId(), next.schemaId(),
                next.status(), next.sourceAgent(), next.targetAgent(), next.priority(), next.tags(), next.context(),
                next.decisions(), next.actions(), next.dependencies(), next.hitl(), next.chainDepth(),
                next.createdAt(), next.updatedAt(), next.claimedAt(), next.completedAt(), next.statusChangedAt(),
                next.lease());
    }
}
