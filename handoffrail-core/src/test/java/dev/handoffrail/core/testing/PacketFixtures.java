package dev.handoffrail.core.testing;

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
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.PendingAction;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test-data builder for packets: {@code aPacket().tenant(t).claimedBy("billing-01").createdAt(...).build()}.
 * Defaults: tenant {@link Fixtures#ACME}, status created, revision 1, normal priority, no tags, created at
 * {@link Fixtures#T0}; {@code updatedAt} and {@code statusChangedAt} default to {@code createdAt}. Not thread-safe.
 */
public final class PacketFixtures {
    private PacketFixtures() {
    }

    public static Builder aPacket() {
        return new Builder();
    }

    /** A packet with every optional part filled in, for round-trip tests; its parent and schema are given. */
    public static Builder aFullPacket(PacketId parent, SchemaId schema) {
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("ticket", "T-1042");
        custom.put("seats", 25L);
        custom.put("discount", 0.15);
        custom.put("flags", List.of("vip", true));
        custom.put("nested", Map.of("region", "eu-west"));
        return aPacket()
                .parent(parent)
                .schema(schema)
                .chainDepth(1)
                .source(new AgentInfo("support-01", "SupportBot", "langchain", "1.2.0"))
                .target(new AgentInfo("billing-01", "BillingBot", "crewai", null))
                .priority(Priority.HIGH)
                .tags("billing", "upgrade")
                .summary("Customer wants to upgrade to the business plan")
                .conversation(new ConversationEntry(ConversationRole.USER, "I need 25 seats", "2026-05-30T09:58:00Z",
                                Map.of("channel", "chat")),
                        new ConversationEntry(ConversationRole.AGENT, "Let me hand you to billing", null, null))
                .artifacts(new Artifact("quote", Map.of("total", 1250L, "currency", "EUR"), "application/json"),
                        new Artifact("notes", "prefers annual billing", null),
                        new Artifact("lines", List.of("seat", "support"), null))
                .custom(custom)
                .decisions(new Decision("d1", "Offer annual plan", "Cheaper for 25 seats", List.of("monthly"),
                        "support-01", "2026-05-30T09:59:00Z"))
                .actions(new Actions(
                        List.of(new PendingAction("a1", "Send invoice", "billing-01", Priority.HIGH, List.of("a0"),
                                "2026-06-01T00:00:00Z")),
                        List.of(new CompletedAction("a0", "Verify identity", "ok", "support-01", null)),
                        List.of(new FailedAction("a2", "Charge card", "card declined", 2))))
                .dependencies(new Dependency("dep1", DependencyType.DATA, "CRM record", DependencyStatus.AVAILABLE,
                        "crm"))
                .hitl(new HitlCheckpoint(true, "Discount above 10%", "Approve 15%?", List.of("approve", "reject"),
                        3600, "approve", Fixtures.T0.plusSeconds(30), "manager@acme.test", "fine"));
    }

    /** Builds packets; every setter returns this builder. */
    public static final class Builder {
        private PacketId id = PacketId.random();
        private TenantId tenant = Fixtures.ACME;
        private long revision = 1;
        private PacketId parentId;
        private SchemaId schemaId;
        private PacketStatus status = PacketStatus.CREATED;
        private AgentInfo sourceAgent = new AgentInfo("support-01", "SupportBot", "langchain", "1.2.0");
        private AgentInfo targetAgent = AgentInfo.of("billing-01", "BillingBot");
        private Priority priority = Priority.NORMAL;
        private List<String> tags = List.of();
        private String summary = "Customer wants to upgrade";
        private List<ConversationEntry> conversation = List.of();
        private List<Artifact> artifacts = List.of();
        private Map<String, Object> custom = Map.of();
        private List<Decision> decisions = List.of();
        private Actions actions = Actions.EMPTY;
        private List<Dependency> dependencies = List.of();
        private HitlCheckpoint hitl;
        private int chainDepth;
        private Instant createdAt = Fixtures.T0;
        private Instant updatedAt;
        private Instant statusChangedAt;
        private Instant claimedAt;
        private Instant completedAt;
        private boolean claimed;

        private Builder() {
        }

        public Builder id(PacketId value) {
            id = value;
            return this;
        }

        /** The id given as canonical UUID text. */
        public Builder id(String uuid) {
            return id(new PacketId(UUID.fromString(uuid)));
        }

        public Builder tenant(TenantId value) {
            tenant = value;
            return this;
        }

        public Builder revision(long value) {
            revision = value;
            return this;
        }

        public Builder parent(PacketId value) {
            parentId = value;
            return this;
        }

        public Builder schema(SchemaId value) {
            schemaId = value;
            return this;
        }

        public Builder status(PacketStatus value) {
            status = value;
            return this;
        }

        /** Claimed by this agent: status claimed, the agent becomes the target, claimed when the status changed. */
        public Builder claimedBy(String agentId) {
            status = PacketStatus.CLAIMED;
            targetAgent = AgentInfo.of(agentId, agentId);
            claimed = true;
            return this;
        }

        /** Waiting for a human on a required checkpoint with this timeout (null: none). */
        public Builder awaitingHuman(Integer timeoutSeconds) {
            status = PacketStatus.AWAITING_HUMAN;
            hitl = HitlCheckpoint.of(true, "Refund above limit", "Approve the refund?", List.of("approve", "reject"),
                    timeoutSeconds);
            return this;
        }

        public Builder source(AgentInfo value) {
            sourceAgent = value;
            return this;
        }

        /** The source agent by id (name = id). */
        public Builder source(String agentId) {
            return source(AgentInfo.of(agentId, agentId));
        }

        public Builder target(AgentInfo value) {
            targetAgent = value;
            return this;
        }

        /** The target agent by id (name = id). */
        public Builder target(String agentId) {
            return target(AgentInfo.of(agentId, agentId));
        }

        public Builder priority(Priority value) {
            priority = value;
            return this;
        }

        public Builder tags(String... values) {
            tags = List.of(values);
            return this;
        }

        public Builder summary(String value) {
            summary = value;
            return this;
        }

        public Builder conversation(ConversationEntry... entries) {
            conversation = List.of(entries);
            return this;
        }

        /** Conversation entries by content only, alternately from the user and the agent. */
        public Builder conversation(String... contents) {
            List<ConversationEntry> entries = new ArrayList<>();
            for (int i = 0; i < contents.length; i++) {
                ConversationRole role = i % 2 == 0 ? ConversationRole.USER : ConversationRole.AGENT;
                entries.add(new ConversationEntry(role, contents[i], null, null));
            }
            conversation = List.copyOf(entries);
            return this;
        }

        public Builder artifacts(Artifact... values) {
            artifacts = List.of(values);
            return this;
        }

        public Builder custom(Map<String, Object> value) {
            custom = value;
            return this;
        }

        public Builder decisions(Decision... values) {
            decisions = List.of(values);
            return this;
        }

        /** Decisions by their text only (ids d1, d2, ...; rationale "because"). */
        public Builder decisions(String... texts) {
            List<Decision> list = new ArrayList<>();
            for (int i = 0; i < texts.length; i++) {
                list.add(new Decision("d" + (i + 1), texts[i], "because", List.of(), null, null));
            }
            decisions = List.copyOf(list);
            return this;
        }

        public Builder actions(Actions value) {
            actions = value;
            return this;
        }

        public Builder dependencies(Dependency... values) {
            dependencies = List.of(values);
            return this;
        }

        public Builder hitl(HitlCheckpoint value) {
            hitl = value;
            return this;
        }

        public Builder chainDepth(int value) {
            chainDepth = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        public Builder statusChangedAt(Instant value) {
            statusChangedAt = value;
            return this;
        }

        public Builder claimedAt(Instant value) {
            claimedAt = value;
            return this;
        }

        public Builder completedAt(Instant value) {
            completedAt = value;
            return this;
        }

        public Packet build() {
            Instant updated = updatedAt != null ? updatedAt : createdAt;
            Instant changed = statusChangedAt != null ? statusChangedAt : updated;
            Instant claimTime = claimedAt != null || !claimed ? claimedAt : changed;
            Instant completeTime = completedAt != null || status != PacketStatus.COMPLETED ? completedAt : changed;
            PacketContext context = new PacketContext(summary, conversation, artifacts, custom);
            return new Packet(id, tenant, revision, parentId, schemaId, status, sourceAgent, targetAgent, priority,
                    tags, context, decisions, actions, dependencies, hitl, chainDepth, createdAt, updated, claimTime,
                    completeTime, changed);
        }
    }
}
