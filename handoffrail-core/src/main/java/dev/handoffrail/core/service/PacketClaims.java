package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.PacketJournal.details;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.auth.Permissions;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Lease;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketErrors;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketRepresentation;
import dev.handoffrail.core.packet.PacketRules;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Trigger;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.BatchClaimResult;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.ItemError;
import dev.handoffrail.core.port.in.ClaimPacketUseCase.ClaimNextCommand;
import dev.handoffrail.core.port.in.ClaimPacketUseCase.ClaimedPacket;
import dev.handoffrail.core.port.in.Claimant;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.service.TenantQuotas.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Claiming (http-api.md §9.8, §9.12 batch claim, §9.15 claim-next). Every claim is one conditional update from
 * {@code created}, so of any number of racing claimers exactly one wins. Thread-safe.
 */
final class PacketClaims implements AutoCloseable {
    static final String DUPLICATE_ID = "Duplicate packet id in request";

    private final PacketService.Ports ports;
    private final TenantQuotas quotas;
    private final PacketJournal journal;
    private final ClaimNextWaiters waiters = new ClaimNextWaiters();
    private final ClaimNextExecutors executors = new ClaimNextExecutors();
    private final BusSubscription subscription;

    PacketClaims(PacketService.Ports ports, TenantQuotas quotas, PacketJournal journal) {
        this.ports = ports;
        this.subscription = new BusSubscription(ports.eventBus(), this::onMessage);
        this.quotas = quotas;
        this.journal = journal;
    }

    Packet claim(Caller caller, PacketId id, Claimant claimant) {
        return claim(caller, id, claimant, null).packet();
    }

    ClaimedPacket claim(Caller caller, PacketId id, Claimant claimant, Duration lease) {
        Permissions.require(caller, Operation.CLAIM_PACKET);
        PacketRules.throwIfAny(Lease.problems(lease));
        AgentInfo agent = claimant.asAgent();
        Attempt attempt = attempt(caller, quotas.load(caller.tenant()), id, agent, lease);
        if (attempt.claimed() == null) {
            throw refusal(attempt.refusedBy());
        }
        return attempt.claimed();
    }

    /** Extends the lease {@code token} holds; {@code LEASE_LOST} when it holds none (or it has run out). */
    Packet heartbeat(Caller caller, PacketId id, String token, Duration lease) {
        Permissions.require(caller, Operation.CLAIM_PACKET);
        PacketRules.throwIfAny(Lease.problems(lease));
        return journal.write(caller.keyId(), entries -> {
            Packet current = ports.packets().findForUpdate(caller.tenant(), id)
                    .orElseThrow(() -> Errors.packetNotFound(id));
            if (!current.lease().acceptsToken(token) || current.lease().expiredAt(entries.now())) {
                throw PacketErrors.leaseLost(id);
            }
            Duration length = lease != null ? lease : Duration.ofSeconds(current.lease().seconds());
            Packet extended = current.leaseExtended(length, entries.now());
            if (!ports.packets().update(extended, current.status())) {
                throw new IllegalStateException("packet " + id + " changed under its row lock");
            }
            return extended;
        });
    }

    BatchClaimResult claimBatch(Caller caller, List<PacketId> ids, Claimant claimant) {
        Permissions.require(caller, Operation.CLAIM_PACKET);
        AgentInfo agent = claimant.asAgent();
        BatchSize.check("packet_ids", ids.size());
        Limits limits = quotas.load(caller.tenant());
        List<Packet> claimed = new ArrayList<>();
        List<ItemError> errors = new ArrayList<>();
        Set<PacketId> seen = new HashSet<>();
        for (PacketId id : ids) {
            if (!seen.add(id)) {
                errors.add(new ItemError(null, id, ErrorCode.DUPLICATE, DUPLICATE_ID));
                continue;
            }
            try {
                Attempt attempt = attempt(caller, limits, id, agent, null);
                if (attempt.claimed() != null) {
                    claimed.add(attempt.claimed().packet());
                } else {
                    errors.add(batchError(id, attempt.refusedBy()));
                }
            } catch (HandoffRailException e) {
                String text = e.code() == ErrorCode.QUOTA_EXCEEDED ? "Agent quota exceeded" : e.detail();
                errors.add(new ItemError(null, id, e.code(), text));
            }
        }
        return new BatchClaimResult(claimed, errors);
    }

    Optional<ClaimedPacket> claimNext(Caller caller, ClaimNextCommand command, Duration lease) {
        CompletableFuture<Optional<ClaimedPacket>> result = claimNextAsync(caller, command, lease);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(false);
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Claim-next without holding the caller's thread while it waits: the first attempt runs on the caller's thread,
     * later ones on the claim-next executor when the event bus announces a packet the call would take; the
     * deadline is a timer. Refusals (permission, validation) are thrown, failures of an attempt complete the
     * result exceptionally.
     */
    CompletableFuture<Optional<ClaimedPacket>> claimNextAsync(Caller caller, ClaimNextCommand command,
                                                              Duration lease) {
        Permissions.require(caller, Operation.CLAIM_PACKET);
        PacketRules.throwIfAny(Lease.problems(lease));
        Limits limits = quotas.load(caller.tenant());
        String target = command.targetAgent();
        AgentInfo agent = command.claimant().asAgent();
        subscription.ensureSubscribed();
        long deadline = System.nanoTime() + command.maxWait().toNanos();
        WaitingClaim waiting = new WaitingClaim(() -> takeNext(caller, limits, agent, target, command.tags(), lease),
                executors.attempts(), deadline, waiters::closed);
        ClaimNextWaiters.Waiter waiter = waiters.register(limits.id(), target, command.tags(), waiting::wake);
        waiting.result().whenComplete((taken, failure) -> waiters.remove(waiter));
        waiting.run();
        if (!waiting.result().isDone()) {
            ScheduledFuture<?> timer = executors.timer().schedule(waiting::expire, deadline - System.nanoTime(),
                    TimeUnit.NANOSECONDS);
            waiting.result().whenComplete((taken, failure) -> timer.cancel(false));
        }
        return waiting.result();
    }

    /** Ends every waiting claim-next call with nothing and stops listening to the event bus. */
    @Override
    public void close() {
        waiters.close();
        subscription.close();
        executors.close();
    }

    /** How many claim-next calls are waiting (tests use it to know a call is parked). */
    int waiting() {
        return waiters.waiting();
    }

    private void onMessage(EventBus.Message message) {
        if (message instanceof EventBus.PacketEventMessage packetEvent) {
            DomainEvent event = packetEvent.event();
            if (PacketStatus.CREATED.wireName().equals(event.data().get("status"))) {
                waiters.packetAvailable(event);
            }
        }
    }

    /** Claims packet {@code id} unless its status refuses; looks again whenever another writer got there first. */
    private Attempt attempt(Caller caller, Limits limits, PacketId id, AgentInfo agent, Duration lease) {
        while (true) {
            Packet current = ports.packets().find(limits.id(), id).orElseThrow(() -> Errors.packetNotFound(id));
            if (!current.canMove(PacketStatus.CLAIMED, Trigger.CLAIM)) {
                return new Attempt(null, current);
            }
            quotas.checkClaimant(limits, current, agent.id());
            Optional<ClaimedPacket> claimed = journal.write(caller.keyId(),
                    entries -> claim(entries, current, agent, false, lease));
            if (claimed.isPresent()) {
                return new Attempt(claimed.get(), null);
            }
        }
    }

    private Optional<ClaimedPacket> takeNext(Caller caller, Limits limits, AgentInfo agent, String target,
                                             Set<String> tags, Duration lease) {
        while (true) {
            Optional<Optional<ClaimedPacket>> outcome = journal.write(caller.keyId(), entries -> {
                Optional<Packet> candidate = ports.packets().lockNextClaimable(limits.id(), target, tags);
                if (candidate.isEmpty()) {
                    return Optional.of(Optional.<ClaimedPacket>empty());
                }
                quotas.checkClaimant(limits, candidate.get(), agent.id());
                return claim(entries, candidate.get(), agent, true, lease).map(Optional::of);
            });
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
    }

    /** In the caller's transaction: the conditional update and its records; empty when another writer won. */
    private Optional<ClaimedPacket> claim(PacketJournal.Entries entries, Packet current, AgentInfo agent,
                                          boolean viaClaimNext, Duration lease) {
        String token = lease == null ? null : Lease.newToken();
        Packet claimed = lease == null ? current.claimedBy(agent, entries.now())
                : current.leasedTo(agent, Lease.hash(token), lease, entries.now());
        if (!ports.packets().update(claimed, current.status())) {
            return Optional.empty();
        }
        Map<String, Object> details = details("agent_name", agent.name(), "framework", agent.framework(),
                "previous_target_agent", PacketRepresentation.targetAgentJson(current.targetAgent()));
        if (viaClaimNext) {
            details.put("via", "claim_next");
        }
        if (lease != null) {
            details.put("lease_seconds", lease.toSeconds());
        }
        entries.history(claimed, PacketStatus.CLAIMED.wireName(), History.agent(agent.id()), details);
        entries.transition(claimed, current.status(), Map.of());
        return Optional.of(new ClaimedPacket(claimed, token));
    }

    /** The error of a claim refused by the packet's status (http-api.md §8.2, claim outcomes). */
    private static HandoffRailException refusal(Packet current) {
        return switch (current.status()) {
            case CLAIMED -> PacketErrors.alreadyClaimed(current);
            case AWAITING_HUMAN -> PacketErrors.hitlPending(current.id());
            case EXPIRED -> PacketErrors.gone(current.id());
            case CREATED, IN_PROGRESS, COMPLETED, FAILED -> PacketErrors.claimFromStatus(current.status());
        };
    }

    /** A refused batch claim item; only the already-claimed text differs from the single claim's detail. */
    private static ItemError batchError(PacketId id, Packet current) {
        HandoffRailException refusal = refusal(current);
        String text = refusal.code() == ErrorCode.ALREADY_CLAIMED
                ? "Already claimed by " + current.targetAgent().id() : refusal.detail();
        return new ItemError(null, id, refusal.code(), text);
    }

    /** A claim either won ({@code claimed}) or was refused by the packet as it stands ({@code refusedBy}). */
    private record Attempt(ClaimedPacket claimed, Packet refusedBy) {
    }
}
