package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.ServiceHarness.TENANT;
import static dev.handoffrail.core.service.ServiceHarness.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.ConversationEntry;
import dev.handoffrail.core.packet.ConversationRole;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketRepresentation;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.SchemaFixtures;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PacketChainTest {
    private static final ConversationEntry HELLO = new ConversationEntry(ConversationRole.USER, "hello", null, null);
    private static final ConversationEntry HANDING = new ConversationEntry(ConversationRole.AGENT, "handing over",
            null, null);
    private static final ConversationEntry FOLLOW_UP = new ConversationEntry(ConversationRole.AGENT, "follow up",
            null, null);

    @Test
    void a_chained_packet_starts_with_the_parents_conversation_and_both_record_the_link() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet parent = h.service.create(h.writer, withConversation(draft(), HELLO, HANDING));
            h.clock.advance(Duration.ofMinutes(5));
            h.clearEvents();

            Packet child = h.service.chain(h.writer, parent.id(), withConversation(draft(), FOLLOW_UP));

            assertThat(child.parentId()).isEqualTo(parent.id());
            assertThat(child.chainDepth()).isEqualTo(1);
            assertThat(child.status()).isEqualTo(PacketStatus.CREATED);
            assertThat(child.context().conversationState()).containsExactly(HELLO, HANDING, FOLLOW_UP);
            assertThat(h.history(child.id())).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo("created");
                assertThat(e.actor()).isEqualTo("agent:sales-01");
                assertThat(e.details()).containsExactly(entry("parent_packet_id", parent.id().toString()),
                        entry("chain", true));
            });
            assertThat(h.history(parent.id())).extracting(AuditEntry::action).containsExactly("created", "chained");
            AuditEntry chained = h.history(parent.id()).get(1);
            assertThat(chained.actor()).isEqualTo("agent:sales-01");
            assertThat(chained.details()).containsExactly(entry("child_packet_id", child.id().toString()));
            assertThat(chained.timestamp()).isEqualTo(child.createdAt());
            assertThat(h.stored(parent.id())).isEqualTo(parent);
            assertThat(h.observed).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo(EventType.PACKET_CHAINED);
                assertThat(event.packetId()).isEqualTo(child.id());
                assertThat(event.data()).containsExactly(entry("status", "created"),
                        entry("parent_packet_id", parent.id().toString()),
                        entry("metadata", PacketRepresentation.metadataJson(child)));
            });
        }
    }

    @Test
    void a_parent_packet_id_in_the_body_is_replaced_by_the_path_id() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet parent = h.newPacket();
            Packet other = h.newPacket();

            Packet child = h.service.chain(h.writer, parent.id(), draft().withParent(other.id()));

            assertThat(child.parentId()).isEqualTo(parent.id());
            assertThat(h.history(other.id())).extracting(AuditEntry::action).containsExactly("created");
        }
    }

    @Test
    void a_chained_packet_with_a_required_checkpoint_also_announces_awaiting_human() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet parent = h.newPacket();
            h.clearEvents();

            Packet child = h.service.chain(h.writer, parent.id(), ServiceHarness.hitlDraft(null, null));

            assertThat(child.status()).isEqualTo(PacketStatus.AWAITING_HUMAN);
            assertThat(h.observedTypes()).containsExactly(EventType.PACKET_CHAINED, EventType.PACKET_AWAITING_HUMAN);
        }
    }

    @Test
    void a_parent_in_any_status_can_be_chained_and_counts_one_more_level() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet parent = h.newPacket();
            Packet child = h.service.chain(h.writer, parent.id(), draft());
            h.service.delete(h.writer, child.id());

            Packet grandchild = h.service.chain(h.writer, child.id(), draft());

            assertThat(grandchild.chainDepth()).isEqualTo(2);
        }
    }

    @Test
    void a_missing_parent_is_not_found() {
        try (ServiceHarness h = ServiceHarness.create()) {
            PacketId missing = PacketId.random();

            assertThatThrownBy(() -> h.service.chain(h.writer, missing, draft()))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.detail()).isEqualTo("Packet " + missing + " not found");
                    });
        }
    }

    @Test
    void chaining_uses_a_daily_handoff() {
        try (ServiceHarness h = ServiceHarness.withDailyHandoffs(2)) {
            Packet parent = h.newPacket();
            h.service.chain(h.writer, parent.id(), draft());

            assertThatThrownBy(() -> h.service.chain(h.writer, parent.id(), draft()))
                    .extracting(e -> ((HandoffRailException) e).code()).isEqualTo(ErrorCode.DAILY_QUOTA_EXCEEDED);
            assertThat(h.stores.dailyHandoffs().used(TENANT, LocalDate.of(2026, 5, 30))).isEqualTo(2);
        }
    }

    @Test
    void the_inherited_conversation_counts_against_the_stored_packet_size() {
        try (ServiceHarness h = ServiceHarness.withTier(Tier.FREE)) {
            ConversationEntry big = new ConversationEntry(ConversationRole.USER, "x".repeat(40_000), null, null);
            Packet parent = h.service.create(h.writer, withConversation(draft(), big));

            assertThatThrownBy(() -> h.service.chain(h.writer, parent.id(), withConversation(draft(), big)))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
                        assertThat(e.extras()).containsExactly(entry("tier", "free"), entry("limit_bytes", 65_536L));
                    });
            assertThat(h.history(parent.id())).extracting(AuditEntry::action).containsExactly("created");
        }
    }

    @Test
    void the_merged_context_is_validated_against_the_schema() {
        try (ServiceHarness h = ServiceHarness.withSchemaValidator()) {
            SchemaId schema = SchemaId.random();
            h.stores.schemas().insert(SchemaFixtures.aSchema().id(schema).tenant(TENANT)
                    .jsonSchema(Map.of("type", "object", "required_custom", List.of("amount"))).build());
            Packet parent = h.newPacket();

            assertThatThrownBy(() -> h.service.chain(h.writer, parent.id(), draft().withSchema(schema)))
                    .extracting(e -> ((HandoffRailException) e).code())
                    .isEqualTo(ErrorCode.SCHEMA_VALIDATION_FAILED);
        }
    }

    private static PacketDraft withConversation(PacketDraft draft, ConversationEntry... entries) {
        PacketContext context = draft.context();
        return draft.withContext(new PacketContext(context.summary(), List.of(entries), context.artifacts(),
                context.custom()));
    }
}
