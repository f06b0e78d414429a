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
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.PendingAction;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Packets for the persistence tests: a plain created packet to vary, and one with every field filled in. */
final class TestPackets {
    static final TenantId ACME = new TenantId("acme");
    static final TenantId GLOBEX = new TenantId("globex");
    static final Instant T0 = Instant.parse("2026-05-30T19:35:00.123456Z");

    private TestPackets() {
    }

    /** A created packet from sales-01 to billing-01, normal priority, no tags. */
    static Packet created(TenantId tenant, String summary, Instant at) {
        return created(tenant, summary, at, "billing-01", Priority.NORMAL, List.of());
    }

    static Packet created(TenantId tenant, String summary, Instant at, String target, Priority priority,
                          List<String> tags) {
        return new Packet(PacketId.random(), tenant, 1, null, null, PacketStatus.CREATED,
                new AgentInfo("sales-01", "SalesBot", "langchain", "1.2"), AgentInfo.of(target, "Target"), priority,
                tags, PacketContext.ofSummary(summary), List.of(), Actions.EMPTY, List.of(), null, 0, at, at, null,
                null, at);
    }

    /** Every optional field set, free-form JSON with nesting, a HITL checkpoint that has been answered. */
    static Packet full(TenantId tenant) {
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("zeta", 1L);
        custom.put("alpha", List.of("x", 2.5, true));
        custom.put("nested", Map.of("deep", Map.of("n", 12345678901234L)));
        custom.put("nothing", null);
        PacketContext context = new PacketContext("Customer wants to upgrade to Business tier",
                List.of(new ConversationEntry(ConversationRole.USER, "I want to upgrade", "2026-05-30T19:30:00+02:00",
                                Map.of("channel", "chat")),
                        new ConversationEntry(ConversationRole.AGENT, "Let me hand you to billing.", null, null)),
                List.of(new Artifact("customer_profile", Map.of("id", "cust-789"), "application/json"),
                        new Artifact("notes", "plain text", null),
                        new Artifact("lines", List.of(1L, 2L), null)),
                custom);
        Actions actions = new Actions(
                List.of(new PendingAction("a1", "Process upgrade", "billing-01", Priority.HIGH, List.of("a0"),
                        "2026-06-01T00:00:00Z")),
                List.of(new CompletedAction("a0", "Verify identity", "ok", "sales-01", "2026-05-30T19:00:00Z")),
                List.of(new FailedAction("f1", "Charge card", "declined", 2)));
        HitlCheckpoint hitl = new HitlCheckpoint(true, "Refund exceeds policy", "Approve?", List.of("Approve", "Deny"),
                86_400, "Approve", T0.plusSeconds(60), "alice", "fine");
        return new Packet(PacketId.random(), tenant, 3, PacketId.random(), SchemaId.random(), PacketStatus.CLAIMED,
                new AgentInfo("sales-01", "SalesBot", "langchain", "1.2"),
                new AgentInfo("billing-01", "BillingBot", "crewai", null), Priority.HIGH,
                List.of("upgrade", "business-tier"), context,
                List.of(new Decision("d1", "Proceed with upgrade", "Customer eligible", List.of("wait"), "sales-01",
                        null)),
                actions,
                List.of(new Dependency("stripe-api", DependencyType.API, "Payment gateway", DependencyStatus.BLOCKED,
                        "ops")),
                hitl, 2, T0, T0.plusSeconds(120), T0.plusSeconds(60), null, T0.plusSeconds(60));
    }
}
