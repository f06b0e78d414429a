package dev.handoffrail.core.packet;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The handoff packet aggregate. Immutable: every change returns a new value with {@code revision} one higher,
 * which stores use for conditional updates. {@code statusChangedAt} is when the current status was entered
 * (TTL and HITL timeouts count from it); {@code chainDepth} is 0 without a parent, parent depth + 1 otherwise.
 * Status changes go through {@link PacketStatus#allows(PacketStatus, Trigger)}. {@code lease} is the claim lease
 * ({@link Lease#NONE} when none was ever taken); it is held only in claimed and in progress.
 */
public record Packet(
        PacketId id,
        TenantId tenant,
        long revision,
        PacketId parentId,
        SchemaId schemaId,
        PacketStatus status,
        AgentInfo sourceAgent,
        AgentInfo targetAgent,
        Priority priority,
        List<String> tags,
        PacketContext context,
        List<Decision> decisions,
        Actions actions,
        List<Dependency> dependencies,
        HitlCheckpoint hitl,
        int chainDepth,
        Instant createdAt,
        Instant updatedAt,
        Instant claimedAt,
        Instant completedAt,
        Instant statusChangedAt,
        Lease lease) {

    /** The packet format version shown as {@code version} in the representation. */
    public static final String FORMAT_VERSION = "1.0.0";

    public Packet {
        requireNonNull(id, "id");
        requireNonNull(tenant, "tenant");
        requireNonNull(status, "status");
        requireNonNull(sourceAgent, "sourceAgent");
        requireNonNull(targetAgent, "targetAgent");
        requireNonNull(priority, "priority");
        requireNonNull(context, "context");
        requireNonNull(actions, "actions");
        requireNonNull(createdAt, "createdAt");
        requireNonNull(updatedAt, "updatedAt");
        requireNonNull(statusChangedAt, "statusChangedAt");
        tags = List.copyOf(tags);
        decisions = List.copyOf(decisions);
        dependencies = List.copyOf(dependencies);
        if (chainDepth < 0) {
            throw new IllegalArgumentException("chainDepth must be >= 0");
        }
        lease = lease == null ? Lease.NONE : lease;
    }

    /** A packet that never held a lease. */
    public Packet(PacketId id, TenantId tenant, long revision, PacketId parentId, SchemaId schemaId,
                  PacketStatus status, AgentInfo sourceAgent, AgentInfo targetAgent, Priority priority,
                  List<String> tags, PacketContext context, List<Decision> decisions, Actions actions,
                  List<Dependency> dependencies, HitlCheckpoint hitl, int chainDepth, Instant createdAt,
                  Instant updatedAt, Instant claimedAt, Instant completedAt, Instant statusChangedAt) {
        this(id, tenant, revision, parentId, schemaId, status, sourceAgent, targetAgent, priority, tags, context,
                decisions, actions, dependencies, hitl, chainDepth, createdAt, updatedAt, claimedAt, completedAt,
                statusChangedAt, Lease.NONE);
    }

    /** Whether {@code trigger} may move this packet to {@code to}. */
    public boolean canMove(PacketStatus to, Trigger trigger) {
        return status.allows(to, trigger);
    }

    /**
     * This packet in status {@code to}, with the side effects of §8.1 (claimed_at, completed_at, cleared HITL
     * response on entering awaiting_human). The caller has checked {@link #canMove}; this method re-checks and
     * throws {@link IllegalStateException} on a programming error.
     */
    public Packet movedTo(PacketStatus to, Trigger trigger, Instant now) {
        if (!canMove(to, trigger)) {
            throw new IllegalStateException(status + " -> " + to + " is not allowed by " + trigger);
        }
        Instant claimed = to == PacketStatus.CLAIMED ? now : claimedAt;
        Instant completed = to == PacketStatus.COMPLETED ? now : completedAt;
        HitlCheckpoint checkpoint = to == PacketStatus.AWAITING_HUMAN && hitl != null ? hitl.cleared() : hitl;
        boolean keepsLease = to == PacketStatus.IN_PROGRESS || to == PacketStatus.CLAIMED && status == to;
        return new Packet(id, tenant, revision + 1, parentId, schemaId, to, sourceAgent, targetAgent, priority, tags,
                context, decisions, actions, dependencies, checkpoint, chainDepth, createdAt, now, claimed, completed,
                now, keepsLease ? lease : lease.dropped());
    }

    /**
     * Claimed by {@code agent} under a lease of {@code length} whose token hashes to {@code tokenHash}; the target
     * agent before the claim is remembered for a release.
     */
    public Packet leasedTo(AgentInfo agent, String tokenHash, Duration length, Instant now) {
        Packet claimed = claimedBy(agent, now);
        Lease held = lease.heldBy(tokenHash, length, now, targetAgent);
        return claimed.withLease(held, claimed.revision, claimed.updatedAt);
    }

    /** The held lease extended to {@code length} from {@code now} (a heartbeat): a new revision, status unchanged. */
    public Packet leaseExtended(Duration length, Instant now) {
        if (!lease.held()) {
            throw new IllegalStateException("no lease is held on " + id);
        }
        return withLease(lease.extended(length, now), revision + 1, now);
    }

    /**
     * The expired lease released by the sweeper: back to {@code created}, the target agent as it was before the
     * leased claim, the claimant recorded as the previous claimant, one more release counted.
     */
    public Packet leaseReleased(Instant now) {
        Packet moved = movedTo(PacketStatus.CREATED, Trigger.LEASE_EXPIRED, now);
        AgentInfo queued = lease.queuedTarget() == null ? targetAgent : lease.queuedTarget();
        Packet back = moved.withLease(lease.released(targetAgent), moved.revision, now);
        return back.with(b -> b.targetAgent = queued);
    }

    /** The expired lease ends the packet: failed (too many releases), the claimant recorded as previous. */
    public Packet leaseFailed(Instant now) {
        Packet moved = movedTo(PacketStatus.FAILED, Trigger.LEASE_EXPIRED, now);
        return moved.withLease(new Lease(null, null, 0, null, lease.releases(), targetAgent), moved.revision, now);
    }

    private Packet withLease(Lease next, long newRevision, Instant newUpdatedAt) {
        return new Packet(id, tenant, newRevision, parentId, schemaId, status, sourceAgent, targetAgent, priority,
                tags, context, decisions, actions, dependencies, hitl, chainDepth, createdAt, newUpdatedAt,
                claimedAt, completedAt, statusChangedAt, next);
    }

    /** Claimed by {@code agent}: status claimed, the claimant becomes the target agent. */
    public Packet claimedBy(AgentInfo agent, Instant now) {
        Packet moved = movedTo(PacketStatus.CLAIMED, Trigger.CLAIM, now);
        return moved.with(b -> b.targetAgent = agent.asTarget());
    }

    /** The checkpoint answered and the packet back to work (claimed), target agent unchanged. */
    public Packet responded(String response, String respondedBy, String notes, Instant now) {
        Packet moved = movedTo(PacketStatus.CLAIMED, Trigger.RESPOND, now);
        HitlCheckpoint answered = hitl.answered(response, respondedBy, notes, now);
        return moved.with(b -> b.hitl = answered);
    }

    /** A copy with content changed by {@code change}, revision bumped and {@code updatedAt} = now. */
    public Packet withContent(java.util.function.Consumer<Mutable> change, Instant now) {
        Packet changed = with(change);
        return changed.with(b -> {
            b.revision = revision + 1;
            b.updatedAt = now;
        });
    }

    private Packet with(java.util.function.Consumer<Mutable> change) {
        Mutable m = new Mutable(this);
        change.accept(m);
        return m.build();
    }

    /** Mutable view used only to derive a changed copy; never escapes a change function. */
    public static final class Mutable {
        public SchemaId schemaId;
        public AgentInfo targetAgent;
        public PacketContext context;
        public List<Decision> decisions;
        public Actions actions;
        public List<Dependency> dependencies;
        public HitlCheckpoint hitl;
        private final Packet base;
        private long revision;
        private Instant updatedAt;

        private Mutable(Packet p) {
            base = p;
            schemaId = p.schemaId;
            targetAgent = p.targetAgent;
            context = p.context;
            decisions = p.decisions;
            actions = p.actions;
            dependencies = p.dependencies;
            hitl = p.hitl;
            revision = p.revision;
            updatedAt = p.updatedAt;
        }

        private Packet build() {
            Packet p = base;
            return new Packet(p.id, p.tenant, revision, p.parentId, schemaId, p.status, p.sourceAgent, targetAgent,
                    p.priority, p.tags, context, decisions, actions, dependencies, hitl, p.chainDepth, p.createdAt,
                    updatedAt, p.claimedAt, p.completedAt, p.statusChangedAt, p.lease);
        }
    }
}
