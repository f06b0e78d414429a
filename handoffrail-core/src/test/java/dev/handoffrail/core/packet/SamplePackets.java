package dev.handoffrail.core.packet;

import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.core.tenant.TenantId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Packets for tests: one with every field filled in, one with only what is required. */
final class SamplePackets {
    static final PacketId ID = new PacketId(UUID.fromString("9b2f3c1e-2d8a-4a51-9f0e-6f2f1b9a7c10"));
    static final PacketId PARENT = new PacketId(UUID.fromString("1c0d9e8f-7a6b-4c5d-8e4f-3a2b1c0d9e8f"));
    static final SchemaId SCHEMA = new SchemaId(UUID.fromString("5e7a1b2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c"));
    static final Instant CREATED = Instant.parse("2026-05-30T19:35:00Z");
    static final Instant CLAIMED = Instant.parse("2026-05-30T19:40:12.512000Z");
    static final Instant UPDATED = Instant.parse("2026-05-30T19:41:00.000001Z");
    static final Instant COMPLETED = Instant.parse("2026-05-30T19:45:30.250000Z");
    static final Instant RESPONDED = Instant.parse("2026-05-30T19:39:59.999999Z");

    private SamplePackets() {
    }

    static Packet fullyPopulated() {
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("session_id", "sess-123");
        custom.put("count", 3L);
        custom.put("big", new BigInteger("123456789012345678901234567890"));
        custom.put("ratio", 0.25);
        custom.put("precise", new BigDecimal("3.141592653589793238462643383279"));
        custom.put("flag", true);
        custom.put("nothing", null);
        custom.put("nested", Map.of("list", List.of(1L, "two", List.of())));
        PacketContext context = new PacketContext("Customer wants to upgrade to Business tier",
                List.of(new ConversationEntry(ConversationRole.USER, "I want to upgrade", "2026-05-30T19:30:00+02:00",
                                Map.of("channel", "chat")),
                        new ConversationEntry(ConversationRole.AGENT, "Let me hand you to billing.", null, null)),
                List.of(new Artifact("customer_profile", Map.of("id", "cust-789"), "application/json"),
                        new Artifact("notes", "plain text", null),
                        new Artifact("items", List.of("a", 2L), "application/json")),
                custom);
        return new Packet(ID, new TenantId("acme"), 7, PARENT, SCHEMA, PacketStatus.COMPLETED,
                new AgentInfo("sales-01", "SalesBot", "langchain", "0.3.1"),
                new AgentInfo("billing-01", "BillingBot", "crewai", null),
                Priority.HIGH, List.of("upgrade", "business-tier"), context,
                List.of(new Decision("d1", "Proceed with upgrade", "Customer eligible", List.of("Wait", "Deny"),
                        "sales-01", "2026-05-30T19:31:00Z")),
                new Actions(
                        List.of(new PendingAction("a1", "Process upgrade", "billing-01", Priority.HIGH,
                                List.of("a0"), "2026-06-01T00:00:00Z")),
                        List.of(new CompletedAction("a0", "Check eligibility", "eligible", "sales-01",
                                "2026-05-30T19:32:00.5Z")),
                        List.of(new FailedAction("a2", "Send email", "SMTP timeout", 2))),
                List.of(new Dependency("stripe-api", DependencyType.API, "Payment gateway",
                        DependencyStatus.AVAILABLE, "https://status.stripe.com")),
                new HitlCheckpoint(true, "Refund exceeds policy", "Approve the $500 refund?",
                        List.of("Approve", "Deny"), 86_400, "Approve", RESPONDED, "manager@company.com",
                        "VIP customer"),
                2, CREATED, UPDATED, CLAIMED, COMPLETED, UPDATED);
    }

    static Packet minimal() {
        return new Packet(ID, TenantId.DEFAULT, 0, null, null, PacketStatus.CREATED,
                AgentInfo.of("sales-01", "SalesBot"), AgentInfo.of("billing-01", ""), Priority.NORMAL, List.of(),
                PacketContext.ofSummary(""), List.of(), Actions.EMPTY, List.of(), null, 0, CREATED, CREATED, null,
                null, CREATED);
    }
}
