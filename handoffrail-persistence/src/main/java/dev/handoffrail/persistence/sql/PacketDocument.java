package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.packet.Actions;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Artifact;
import dev.handoffrail.core.packet.CompletedAction;
import dev.handoffrail.core.packet.ConversationEntry;
import dev.handoffrail.core.packet.ConversationRole;
import dev.handoffrail.core.packet.Decision;
import dev.handoffrail.core.packet.Dependency;
import dev.handoffrail.core.packet.DependencyStatus;
import dev.handoffrail.core.packet.DependencyType;
import dev.handoffrail.core.packet.FailedAction;
import dev.handoffrail.core.packet.HitlCheckpoint;
import dev.handoffrail.core.packet.Lease;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.PendingAction;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.persistence.sql.StoredPacket.Agent;
import dev.handoffrail.persistence.sql.StoredPacket.Completed;
import dev.handoffrail.persistence.sql.StoredPacket.Context;
import dev.handoffrail.persistence.sql.StoredPacket.Failed;
import dev.handoffrail.persistence.sql.StoredPacket.Hitl;
import dev.handoffrail.persistence.sql.StoredPacket.Metadata;
import dev.handoffrail.persistence.sql.StoredPacket.Pending;
import dev.handoffrail.persistence.sql.StoredPacket.StoredActions;
import dev.handoffrail.persistence.sql.StoredPacket.StoredArtifact;
import dev.handoffrail.persistence.sql.StoredPacket.StoredDecision;
import dev.handoffrail.persistence.sql.StoredPacket.StoredDependency;
import dev.handoffrail.persistence.sql.StoredPacket.StoredLease;
import dev.handoffrail.persistence.sql.StoredPacket.Turn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Maps a {@link Packet} to its {@link StoredPacket} document in {@code packets.body} and back. The fields the
 * document does not hold (tenant, revision, chain depth, status change time) come from columns, as does everything
 * filtered or sorted on. Stateless.
 */
final class PacketDocument {
    private PacketDocument() {
    }

    static String write(Packet packet) {
        return JsonColumns.write(stored(packet));
    }

    /** The packet of a row; {@link IllegalStateException} if its document is not one this class can read. */
    static Packet read(PacketRow row) {
        StoredPacket stored = JsonColumns.read(row.body(), StoredPacket.class);
        try {
            return packet(stored, new TenantId(row.tenantId()), row.revision(), row.chainDepth(),
                    Micros.toInstant(row.statusChangedAt()));
        } catch (RuntimeException e) {
            throw new IllegalStateException("unreadable stored packet " + stored.id() + ": " + e.getMessage(), e);
        }
    }

    /** The text full-text search looks at (http-api.md §9.4): summary, tags, conversation and decisions. */
    static String searchText(Packet packet) {
        List<String> parts = new ArrayList<>();
        parts.add(packet.context().summary());
        parts.addAll(packet.tags());
        packet.context().conversationState().forEach(e -> parts.add(e.content()));
        packet.decisions().forEach(d -> parts.add(d.decision()));
        return String.join("\n", parts);
    }

    private static StoredPacket stored(Packet p) {
        Metadata metadata = new Metadata(agent(p.sourceAgent()), agent(p.targetAgent()),
                Timestamps.format(p.claimedAt()), Timestamps.format(p.completedAt()), p.priority().wireName(),
                p.tags());
        PacketContext c = p.context();
        Context context = new Context(c.summary(),
                map(c.conversationState(), e -> new Turn(e.role().wireName(), e.content(), e.timestamp(),
                        e.metadata())),
                map(c.artifacts(), a -> new StoredArtifact(a.key(), a.value(), a.contentType())),
                c.custom());
        StoredActions actions = new StoredActions(
                map(p.actions().pending(), a -> new Pending(a.id(), a.description(), a.assignee(),
                        a.priority() == null ? null : a.priority().wireName(), a.dependsOn(), a.deadline())),
                map(p.actions().completed(), a -> new Completed(a.id(), a.description(), a.result(),
                        a.completedBy(), a.completedAt())),
                map(p.actions().failed(), a -> new Failed(a.id(), a.description(), a.error(),
                        a.retriesRemaining())));
        HitlCheckpoint h = p.hitl();
        Hitl hitl = h == null ? null : new Hitl(h.required(), h.reason(), h.question(), h.options(),
                h.timeoutSeconds(), h.response(), Timestamps.format(h.respondedAt()), h.respondedBy(), h.notes());
        return new StoredPacket(StoredPacket.FORMAT, p.id().toString(),
                p.parentId() == null ? null : p.parentId().toString(),
                p.schemaId() == null ? null : p.schemaId().toString(), p.status().wireName(), metadata, context,
                map(p.decisions(), d -> new StoredDecision(d.id(), d.decision(), d.rationale(), d.alternatives(),
                        d.decidedBy(), d.timestamp())),
                actions,
                map(p.dependencies(), d -> new StoredDependency(d.id(), d.type().wireName(), d.description(),
                        d.status().wireName(), d.source())),
                hitl, Timestamps.format(p.createdAt()), Timestamps.format(p.updatedAt()), lease(p.lease()));
    }

    private static Packet packet(StoredPacket s, TenantId tenant, long revision, int chainDepth,
                                 Instant statusChangedAt) {
        Metadata m = s.metadata();
        Context c = s.context();
        StoredActions a = s.actions();
        PacketContext context = new PacketContext(c.summary(),
                map(c.conversationState(), e -> new ConversationEntry(known(ConversationRole.fromWire(e.role())),
                        e.content(), e.timestamp(), e.metadata())),
                map(c.artifacts(), art -> new Artifact(art.key(), art.value(), art.contentType())),
                c.custom());
        Actions actions = new Actions(
                map(a.pending(), x -> new PendingAction(x.id(), x.description(), x.assignee(),
                        x.priority() == null ? null : known(Priority.fromWire(x.priority())), x.dependsOn(),
                        x.deadline())),
                map(a.completed(), x -> new CompletedAction(x.id(), x.description(), x.result(), x.completedBy(),
                        x.completedAt())),
                map(a.failed(), x -> new FailedAction(x.id(), x.description(), x.error(), x.retriesRemaining())));
        Hitl h = s.hitl();
        HitlCheckpoint hitl = h == null ? null : new HitlCheckpoint(h.required(), h.reason(), h.question(),
                h.options(), h.timeoutSeconds(), h.response(), instant(h.respondedAt()), h.respondedBy(), h.notes());
        return new Packet(new PacketId(uuid(s.id())), tenant, revision,
                s.parentPacketId() == null ? null : new PacketId(uuid(s.parentPacketId())),
                s.schemaId() == null ? null : new SchemaId(uuid(s.schemaId())),
                known(PacketStatus.fromWire(s.status())),
                agentInfo(m.sourceAgent()), agentInfo(m.targetAgent()), known(Priority.fromWire(m.priority())),
                m.tags(), context,
                map(s.decisions(), d -> new Decision(d.id(), d.decision(), d.rationale(), d.alternatives(),
                        d.decidedBy(), d.timestamp())),
                actions,
                map(s.dependencies(), d -> new Dependency(d.id(), known(DependencyType.fromWire(d.type())),
                        d.description(), known(DependencyStatus.fromWire(d.status())), d.source())),
                hitl, chainDepth, instant(s.createdAt()), instant(s.updatedAt()), instant(m.claimedAt()),
                instant(m.completedAt()), statusChangedAt, lease(s.lease()));
    }

    private static StoredLease lease(Lease lease) {
        if (lease.equals(Lease.NONE)) {
            return null;
        }
        return new StoredLease(lease.tokenHash(), Timestamps.format(lease.expiresAt()),
                lease.held() ? lease.seconds() : null,
                lease.queuedTarget() == null ? null : agent(lease.queuedTarget()), lease.releases(),
                lease.previousClaimant() == null ? null : agent(lease.previousClaimant()));
    }

    private static Lease lease(StoredLease stored) {
        if (stored == null) {
            return Lease.NONE;
        }
        return new Lease(stored.tokenHash(), instant(stored.expiresAt()),
                stored.seconds() == null ? 0 : stored.seconds(),
                stored.queuedTarget() == null ? null : agentInfo(stored.queuedTarget()),
                stored.releases() == null ? 0 : stored.releases(),
                stored.previousClaimant() == null ? null : agentInfo(stored.previousClaimant()));
    }

    private static Agent agent(AgentInfo agent) {
        return new Agent(agent.id(), agent.name(), agent.framework(), agent.version());
    }

    private static AgentInfo agentInfo(Agent agent) {
        return new AgentInfo(agent.id(), agent.name(), agent.framework(), agent.version());
    }

    private static <T> T known(Optional<T> wireValue) {
        return wireValue.orElseThrow(() -> new IllegalArgumentException("unknown wire value"));
    }

    private static UUID uuid(String text) {
        return UUID.fromString(text);
    }

    private static Instant instant(String text) {
        return text == null ? null : Timestamps.parse(text)
                .orElseThrow(() -> new IllegalArgumentException("not a timestamp: " + text));
    }

    private static <S, T> List<T> map(List<S> items, Function<S, T> mapping) {
        return items == null ? List.of() : items.stream().map(mapping).toList();
    }
}
