package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.ServiceHarness.BILLING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.BatchClaimResult;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.BatchCompleteResult;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.BatchCreateResult;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.CreateItem;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.ItemError;
import dev.handoffrail.core.port.in.Claimant;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.Fixtures;
import dev.handoffrail.core.testing.PacketFixtures;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchPacketsTest {

    @Test
    void a_batch_creates_every_valid_item_and_reports_the_others_by_index() {
        try (ServiceHarness h = ServiceHarness.create()) {
            CreateItem unreadable = CreateItem.unreadable(
                    ValidationException.of("metadata.target_agent", "field is required"), 120);
            CreateItem badTag = CreateItem.of(draft("fourth").withTags(List.of("")), 130);

            BatchCreateResult result = h.service.createBatch(h.writer, List.of(item("first"), unreadable,
                    item("third"), badTag));

            assertThat(result.created()).extracting(p -> p.context().summary()).containsExactly("first", "third");
            assertThat(result.errors()).containsExactly(
                    new ItemError(1, null, ErrorCode.VALIDATION_ERROR, "metadata.target_agent: field is required"),
                    new ItemError(3, null, ErrorCode.VALIDATION_ERROR, "metadata.tags[0]: must not be empty"));
            for (Packet packet : result.created()) {
                assertThat(h.stored(packet.id())).isEqualTo(packet);
                assertThat(h.history(packet.id())).extracting(AuditEntry::action).containsExactly("created");
            }
            assertThat(h.observedTypes()).containsExactly(EventType.PACKET_CREATED, EventType.PACKET_CREATED);
        }
    }

    @Test
    void items_beyond_the_daily_allowance_fail_one_by_one() {
        try (ServiceHarness h = ServiceHarness.withDailyHandoffs(2)) {
            BatchCreateResult result = h.service.createBatch(h.writer, List.of(item("a"), item("b"), item("c")));

            assertThat(result.created()).hasSize(2);
            assertThat(result.errors()).singleElement().satisfies(error -> {
                assertThat(error.index()).isEqualTo(2);
                assertThat(error.code()).isEqualTo(ErrorCode.DAILY_QUOTA_EXCEEDED);
                assertThat(error.error()).isEqualTo("Daily handoff quota exceeded (limit 2 per day)");
            });
        }
    }

    @Test
    void a_batch_with_no_allowance_left_before_its_first_item_is_refused_as_a_whole() {
        try (ServiceHarness h = ServiceHarness.withDailyHandoffs(1)) {
            h.newPacket();

            assertThatThrownBy(() -> h.service.createBatch(h.writer, List.of(item("a"))))
                    .isInstanceOfSatisfying(HandoffRailException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.DAILY_QUOTA_EXCEEDED));
        }
    }

    @Test
    void an_item_larger_than_max_packet_size_fails_with_payload_too_large() {
        try (ServiceHarness h = ServiceHarness.withTier(Tier.FREE)) {
            CreateItem huge = CreateItem.of(draft("huge"), 70_123);
            CreateItem hugeAndUnreadable = CreateItem.unreadable(ValidationException.of("context", "field is required"),
                    65_537);

            BatchCreateResult result = h.service.createBatch(h.writer, List.of(huge, item("small"),
                    hugeAndUnreadable, CreateItem.of(draft("at the limit"), 65_536)));

            assertThat(result.created()).extracting(p -> p.context().summary())
                    .containsExactly("small", "at the limit");
            assertThat(result.errors()).containsExactly(
                    new ItemError(0, null, ErrorCode.PAYLOAD_TOO_LARGE,
                            "Request body too large: 70123 bytes (max 65536 bytes for free tier)"),
                    new ItemError(2, null, ErrorCode.PAYLOAD_TOO_LARGE,
                            "Request body too large: 65537 bytes (max 65536 bytes for free tier)"));
        }
    }

    @Test
    void a_batch_item_beyond_max_agents_fails_with_quota_exceeded() {
        try (ServiceHarness h = ServiceHarness.withTier(Tier.FREE)) {
            CreateItem third = CreateItem.of(PacketDraft.of(AgentInfo.of("sales-01", "SalesBot"),
                    AgentInfo.of("c", "BillingBot"), "third"), 200);

            BatchCreateResult result = h.service.createBatch(h.writer, List.of(item("ok"), third));

            assertThat(result.errors()).singleElement().satisfies(error -> {
                assertThat(error.index()).isEqualTo(1);
                assertThat(error.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
            });
        }
    }

    @Test
    void a_batch_needs_one_to_fifty_items() {
        try (ServiceHarness h = ServiceHarness.create()) {
            assertThatThrownBy(() -> h.service.createBatch(h.writer, List.of()))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                        assertThat(e.field()).isEqualTo("packets");
                    });
            assertThatThrownBy(() -> h.service.createBatch(h.writer, Collections.nCopies(51, item("x"))))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.BATCH_TOO_LARGE);
                        assertThat(e.detail()).isEqualTo("Batch too large: 51 items (max 50)");
                    });
            assertThatThrownBy(() -> h.service.claimBatch(h.agent, Collections.nCopies(51, PacketId.random()),
                    Claimant.of(BILLING))).extracting(e -> ((HandoffRailException) e).code())
                    .isEqualTo(ErrorCode.BATCH_TOO_LARGE);
            assertThatThrownBy(() -> h.service.completeBatch(h.agent, List.of()))
                    .extracting(e -> ((HandoffRailException) e).field()).isEqualTo("packet_ids");
        }
    }

    @Test
    void batch_claim_reports_each_refusal_with_the_contract_text() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet free = h.newPacket();
            Packet taken = h.service.claim(h.agent, h.newPacket().id(),
                    Claimant.of(new AgentInfo("billing-02", "BillingBot-2", null, null)));
            Packet waiting = h.service.create(h.writer, ServiceHarness.hitlDraft(null, null));
            Packet expired = h.newPacket();
            h.service.delete(h.writer, expired.id());
            Packet completed = h.insert(PacketFixtures.aPacket().status(PacketStatus.COMPLETED));
            PacketId unknown = PacketId.random();

            BatchClaimResult result = h.service.claimBatch(h.agent, List.of(free.id(), taken.id(), waiting.id(),
                    expired.id(), completed.id(), unknown, free.id()), Claimant.of(BILLING));

            assertThat(result.claimed()).extracting(Packet::id).containsExactly(free.id());
            assertThat(result.errors()).containsExactly(
                    new ItemError(null, taken.id(), ErrorCode.ALREADY_CLAIMED, "Already claimed by billing-02"),
                    new ItemError(null, waiting.id(), ErrorCode.HITL_PENDING,
                            "Packet " + waiting.id() + " is awaiting a human response"),
                    new ItemError(null, expired.id(), ErrorCode.GONE, "Packet " + expired.id() + " has expired"),
                    new ItemError(null, completed.id(), ErrorCode.INVALID_TRANSITION,
                            "Cannot claim from status 'completed'"),
                    new ItemError(null, unknown, ErrorCode.NOT_FOUND, "Packet " + unknown + " not found"),
                    new ItemError(null, free.id(), ErrorCode.DUPLICATE, "Duplicate packet id in request"));
            assertThat(h.stored(free.id()).status()).isEqualTo(PacketStatus.CLAIMED);
        }
    }

    @Test
    void batch_claim_beyond_max_agents_fails_the_item_with_agent_quota_exceeded() {
        try (ServiceHarness h = ServiceHarness.withTier(Tier.FREE)) {
            Packet packet = h.service.create(h.writer, ServiceHarness.draft("a", "b"));
            h.service.create(h.writer, ServiceHarness.draft("b", "a"));

            BatchClaimResult result = h.service.claimBatch(h.agent, List.of(packet.id()),
                    Claimant.of(AgentInfo.of("c", "C")));

            assertThat(result.claimed()).isEmpty();
            assertThat(result.errors()).containsExactly(
                    new ItemError(null, packet.id(), ErrorCode.QUOTA_EXCEEDED, "Agent quota exceeded"));
        }
    }

    @Test
    void batch_claim_validates_the_agent_for_the_whole_request() {
        try (ServiceHarness h = ServiceHarness.create()) {
            assertThatThrownBy(() -> h.service.claimBatch(h.agent, List.of(h.newPacket().id()),
                    Claimant.of(AgentInfo.of("", ""))))
                    .extracting(e -> ((HandoffRailException) e).field()).isEqualTo("agent_id");
        }
    }

    @Test
    void batch_complete_completes_claimed_and_in_progress_packets_as_the_system() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet claimed = h.claimedPacket();
            Packet working = h.insert(PacketFixtures.aPacket().status(PacketStatus.IN_PROGRESS));
            Packet created = h.newPacket();
            PacketId unknown = PacketId.random();
            h.clock.advance(Duration.ofMinutes(1));
            h.clearEvents();

            BatchCompleteResult result = h.service.completeBatch(h.agent, List.of(claimed.id(), working.id(),
                    created.id(), unknown, working.id()));

            assertThat(result.completed()).extracting(Packet::id).containsExactly(claimed.id(), working.id());
            assertThat(result.completed()).allSatisfy(p -> {
                assertThat(p.status()).isEqualTo(PacketStatus.COMPLETED);
                assertThat(p.completedAt()).isEqualTo(Fixtures.T0.plus(Duration.ofMinutes(1)));
            });
            assertThat(result.errors()).containsExactly(
                    new ItemError(null, created.id(), ErrorCode.INVALID_TRANSITION,
                            "Cannot complete from status 'created'"),
                    new ItemError(null, unknown, ErrorCode.NOT_FOUND, "Packet " + unknown + " not found"),
                    new ItemError(null, working.id(), ErrorCode.DUPLICATE, "Duplicate packet id in request"));
            assertThat(h.history(working.id())).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo("completed");
                assertThat(e.actor()).isEqualTo("system:batch_complete");
                assertThat(e.apiKeyId()).isEqualTo(h.agent.keyId());
                assertThat(e.details()).containsExactly(entry("from_status", "in_progress"));
            });
            assertThat(h.observed).extracting(e -> e.data().get("previous_status"))
                    .containsExactly("claimed", "in_progress");
            assertThat(h.observedTypes()).containsExactly(EventType.PACKET_COMPLETED, EventType.PACKET_COMPLETED);
        }
    }

    /** A valid packet input object, mutable so tests can break it. */
    private static CreateItem item(String summary) {
        return CreateItem.of(draft(summary), 200);
    }

    private static PacketDraft draft(String summary) {
        return PacketDraft.of(AgentInfo.of("sales-01", "SalesBot"), AgentInfo.of("billing-01", "BillingBot"),
                summary);
    }
}
