package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.ServiceHarness.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.Actions;
import dev.handoffrail.core.packet.CompletedAction;
import dev.handoffrail.core.packet.Decision;
import dev.handoffrail.core.packet.Dependency;
import dev.handoffrail.core.packet.DependencyStatus;
import dev.handoffrail.core.packet.DependencyType;
import dev.handoffrail.core.packet.FailedAction;
import dev.handoffrail.core.packet.HitlCheckpoint;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketPatch;
import dev.handoffrail.core.packet.PacketRepresentation;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.PendingAction;
import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.Fixtures;
import dev.handoffrail.core.testing.PacketFixtures;
import dev.handoffrail.core.testing.Race;
import dev.handoffrail.core.testing.SchemaFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketUpdateTest {
    private static final HitlCheckpoint CHECKPOINT = HitlCheckpoint.of(true, "Refund above limit", null,
            List.of("approve", "reject"), null);
    private static final HitlCheckpoint ANSWERED = CHECKPOINT.answered("approve", "manager@acme.test", "ok",
            Fixtures.T0);
    private static final Decision D1 = decision("d1", "Offer annual plan");
    private static final Decision D2 = decision("d2", "Waive the fee");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "CREATED, AWAITING_HUMAN", "CREATED, FAILED", "CREATED, EXPIRED",
        "CLAIMED, IN_PROGRESS", "CLAIMED, COMPLETED", "CLAIMED, AWAITING_HUMAN", "CLAIMED, FAILED",
        "CLAIMED, EXPIRED",
        "IN_PROGRESS, COMPLETED", "IN_PROGRESS, AWAITING_HUMAN", "IN_PROGRESS, FAILED", "IN_PROGRESS, EXPIRED",
        "AWAITING_HUMAN, FAILED", "AWAITING_HUMAN, EXPIRED",
        "COMPLETED, EXPIRED", "FAILED, EXPIRED"
    })
    void every_patch_transition_of_the_table_is_applied_and_recorded(PacketStatus from, PacketStatus to) {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.insert(PacketFixtures.aPacket().status(from).hitl(CHECKPOINT));
            Instant now = h.clock.advance(Duration.ofMinutes(10));

            Packet moved = h.service.update(h.agent, packet.id(), PacketPatch.status(to));

            assertThat(moved.status()).isEqualTo(to);
            assertThat(moved.updatedAt()).isEqualTo(now);
            assertThat(moved.statusChangedAt()).isEqualTo(now);
            assertThat(moved.revision()).isEqualTo(packet.revision() + 1);
            assertThat(moved.completedAt()).isEqualTo(to == PacketStatus.COMPLETED ? now : packet.completedAt());
            assertThat(h.stored(packet.id())).isEqualTo(moved);
            assertThat(h.history(packet.id())).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo(to.wireName());
                assertThat(e.actor()).isEqualTo("agent:billing-01");
                assertThat(e.apiKeyId()).isEqualTo(h.agent.keyId());
                assertThat(e.details()).containsExactly(entry("from_status", from.wireName()),
                        entry("to_status", to.wireName()), entry("fields_changed", List.of()));
            });
            assertThat(h.observed).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo(EventType.forTransitionTo(to));
                assertThat(event.data()).containsEntry("status", to.wireName())
                        .containsEntry("previous_status", from.wireName())
                        .containsEntry("metadata", PacketRepresentation.metadataJson(moved));
                assertThat(event.data().get("reason")).isEqualTo(to == PacketStatus.EXPIRED ? "patch" : null);
            });
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "CREATED, CLAIMED", "CREATED, IN_PROGRESS", "CREATED, COMPLETED", "CLAIMED, CREATED",
        "IN_PROGRESS, CLAIMED", "AWAITING_HUMAN, CLAIMED", "AWAITING_HUMAN, IN_PROGRESS",
        "AWAITING_HUMAN, COMPLETED", "COMPLETED, FAILED", "FAILED, COMPLETED", "EXPIRED, CREATED",
        "EXPIRED, FAILED"
    })
    void a_transition_outside_the_table_is_refused_and_nothing_is_applied(PacketStatus from, PacketStatus to) {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.insert(PacketFixtures.aPacket().status(from).hitl(CHECKPOINT));
            PacketPatch patch = new PacketPatch(to, null, List.of(D1), null, null, null, null, null, null);
            PacketPatch statusOnly = from.isTerminal() ? PacketPatch.status(to) : patch;

            assertThatThrownBy(() -> h.service.update(h.agent, packet.id(), statusOnly))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TRANSITION);
                        assertThat(e.extras()).containsEntry("current_status", from.wireName())
                                .containsEntry("requested_status", to.wireName());
                    });
            assertThat(h.stored(packet.id())).isEqualTo(packet);
            assertThat(h.history(packet.id())).isEmpty();
            assertThat(h.observed).isEmpty();
        }
    }

    @Test
    void an_invalid_transition_names_what_patch_may_reach() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.newPacket();
            PacketPatch complete = PacketPatch.status(PacketStatus.COMPLETED);

            assertThatThrownBy(() -> h.service.update(h.agent, packet.id(), complete))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.detail()).isEqualTo("Cannot transition from 'created' to 'completed'. Allowed "
                                + "transitions from 'created': ['awaiting_human', 'failed', 'expired']");
                        assertThat(e.extras()).containsEntry("allowed_transitions",
                                List.of("awaiting_human", "failed", "expired"));
                    });
        }
    }

    @Test
    void patch_to_the_current_status_is_a_no_op_without_event() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet claimed = h.claimedPacket();
            h.clock.advance(Duration.ofMinutes(1));
            h.clearEvents();

            Packet same = h.service.update(h.agent, claimed.id(), PacketPatch.status(PacketStatus.CLAIMED));

            assertThat(same).isEqualTo(claimed);
            assertThat(h.stored(claimed.id())).isEqualTo(claimed);
            assertThat(h.history(claimed.id())).extracting(AuditEntry::action).containsExactly("created", "claimed");
            assertThat(h.observed).isEmpty();
        }
    }

    @Test
    void an_empty_patch_changes_nothing_not_even_updated_at() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.newPacket();
            h.clock.advance(Duration.ofMinutes(1));
            h.clearEvents();

            Packet unchanged = h.service.update(h.agent, packet.id(), PacketPatch.EMPTY);

            assertThat(unchanged).isEqualTo(packet);
            assertThat(h.stored(packet.id()).updatedAt()).isEqualTo(Fixtures.T0);
            assertThat(h.observed).isEmpty();
        }
    }

    @Test
    void a_content_only_patch_records_updated_with_the_fields_changed() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.claimedPacket();
            Instant now = h.clock.advance(Duration.ofMinutes(1));
            h.clearEvents();
            PacketContext context = PacketContext.ofSummary("Upgrade approved");
            List<Dependency> dependencies = List.of(new Dependency("stripe", DependencyType.API, "Payments",
                    DependencyStatus.AVAILABLE, null));

            Packet updated = h.service.update(h.agent, packet.id(),
                    new PacketPatch(null, context, null, null, null, null, dependencies, null, null));

            assertThat(updated.context()).isEqualTo(context);
            assertThat(updated.dependencies()).isEqualTo(dependencies);
            assertThat(updated.status()).isEqualTo(PacketStatus.CLAIMED);
            assertThat(updated.updatedAt()).isEqualTo(now);
            assertThat(updated.statusChangedAt()).isEqualTo(packet.statusChangedAt());
            assertThat(updated.revision()).isEqualTo(packet.revision() + 1);
            AuditEntry last = h.history(packet.id()).get(2);
            assertThat(last.action()).isEqualTo("updated");
            assertThat(last.actor()).isEqualTo("agent:billing-01");
            assertThat(last.details()).containsExactly(entry("fields_changed", List.of("context", "dependencies")));
            assertThat(h.observed).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo(EventType.PACKET_UPDATED);
                assertThat(event.data()).containsExactly(entry("status", "claimed"),
                        entry("fields_changed", List.of("context", "dependencies")),
                        entry("metadata", PacketRepresentation.metadataJson(updated)));
            });
        }
    }

    @Test
    void content_equal_to_what_is_stored_changes_nothing() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.newPacket();
            h.clock.advance(Duration.ofMinutes(1));
            h.clearEvents();

            Packet same = h.service.update(h.agent, packet.id(),
                    new PacketPatch(null, packet.context(), List.of(), null, null, null, null, null, null));

            assertThat(same).isEqualTo(packet);
            assertThat(h.observed).isEmpty();
        }
    }

    @Test
    void content_and_a_transition_in_one_patch_make_one_revision_and_one_transition_event() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.claimedPacket();
            h.clearEvents();

            Packet moved = h.service.update(h.agent, packet.id(),
                    new PacketPatch(PacketStatus.IN_PROGRESS, null, List.of(D1), null, null, null, null, null, null));

            assertThat(moved.status()).isEqualTo(PacketStatus.IN_PROGRESS);
            assertThat(moved.decisions()).containsExactly(D1);
            assertThat(moved.revision()).isEqualTo(packet.revision() + 1);
            assertThat(h.history(packet.id()).get(2).details()).containsExactly(entry("from_status", "claimed"),
                    entry("to_status", "in_progress"), entry("fields_changed", List.of("decisions")));
            assertThat(h.observedTypes()).containsExactly(EventType.PACKET_IN_PROGRESS);
        }
    }

    @Test
    void decisions_are_upserted_by_id() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.insert(PacketFixtures.aPacket().decisions(D1, D2));
            Decision changedD1 = decision("d1", "Offer a monthly plan");
            Decision d3 = decision("d3", "Escalate");

            Packet updated = h.service.update(h.agent, packet.id(),
                    new PacketPatch(null, null, List.of(d3, changedD1), null, null, null, null, null, null));

            assertThat(updated.decisions()).containsExactly(changedD1, D2, d3);
        }
    }

    @Test
    void the_same_decision_id_twice_in_one_patch_is_a_validation_error() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.newPacket();

            assertThatThrownBy(() -> h.service.update(h.agent, packet.id(),
                    new PacketPatch(null, null, List.of(D1, D1), null, null, null, null, null, null)))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                        assertThat(e.field()).isEqualTo("decisions[1].id");
                    });
        }
    }

    @Test
    void actions_replace_only_the_sections_sent() {
        try (ServiceHarness h = ServiceHarness.create()) {
            PendingAction pending = new PendingAction("a1", "Send invoice", "billing-01", null, List.of(), null);
            CompletedAction done = new CompletedAction("a0", "Verify", "ok", null, null);
            FailedAction failed = new FailedAction("a2", "Charge", "declined", 1);
            Packet packet = h.insert(PacketFixtures.aPacket()
                    .actions(new Actions(List.of(pending), List.of(done), List.of(failed))));
            CompletedAction invoiced = new CompletedAction("a1", "Send invoice", "sent", "billing-01", null);

            Packet updated = h.service.update(h.agent, packet.id(),
                    new PacketPatch(null, null, null, null, List.of(invoiced), null, null, null, null));

            assertThat(updated.actions()).isEqualTo(new Actions(List.of(pending), List.of(invoiced),
                    List.of(failed)));
            assertThat(h.history(packet.id())).singleElement().extracting(AuditEntry::details)
                    .isEqualTo(Map.of("fields_changed", List.of("actions")));
        }
    }

    @Test
    void a_new_checkpoint_replaces_the_client_fields_and_keeps_the_response() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.insert(PacketFixtures.aPacket().claimedBy("billing-01").hitl(ANSWERED));
            HitlCheckpoint sent = new HitlCheckpoint(true, "Second approval", "Really?", null, 60, "forged",
                    Fixtures.T0, "attacker", "forged");

            Packet updated = h.service.update(h.agent, packet.id(),
                    new PacketPatch(null, null, null, null, null, null, null, sent, null));

            assertThat(updated.hitl()).isEqualTo(new HitlCheckpoint(true, "Second approval", "Really?", null, 60,
                    "approve", Fixtures.T0, "manager@acme.test", "ok"));
        }
    }

    @Test
    void entering_awaiting_human_needs_a_checkpoint_stored_or_sent() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.newPacket();

            assertThatThrownBy(() -> h.service.update(h.agent, packet.id(),
                    PacketPatch.status(PacketStatus.AWAITING_HUMAN)))
                    .isInstanceOfSatisfying(HandoffRailException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_HITL_CHECKPOINT));

            Packet waiting = h.service.update(h.agent, packet.id(), new PacketPatch(PacketStatus.AWAITING_HUMAN,
                    null, null, null, null, null, null, CHECKPOINT, null));

            assertThat(waiting.status()).isEqualTo(PacketStatus.AWAITING_HUMAN);
            assertThat(waiting.hitl()).isEqualTo(CHECKPOINT);
            assertThat(h.history(packet.id()).get(1).details()).containsEntry("fields_changed", List.of("hitl"));
        }
    }

    @Test
    void entering_awaiting_human_again_clears_the_previous_response() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.insert(PacketFixtures.aPacket().claimedBy("billing-01").hitl(ANSWERED));

            Packet waiting = h.service.update(h.agent, packet.id(), PacketPatch.status(PacketStatus.AWAITING_HUMAN));

            assertThat(waiting.hitl()).isEqualTo(CHECKPOINT);
            assertThat(waiting.statusChangedAt()).isEqualTo(Fixtures.T0);
        }
    }

    @Test
    void patch_with_terminal_content_change_is_refused_even_with_a_valid_transition() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet done = h.insert(PacketFixtures.aPacket().status(PacketStatus.COMPLETED));

            assertThatThrownBy(() -> h.service.update(h.agent, done.id(), new PacketPatch(PacketStatus.EXPIRED,
                    PacketContext.ofSummary("rewritten"), null, null, null, null, null, null, null)))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PACKET_TERMINAL);
                        assertThat(e.extras()).containsEntry("current_status", "completed");
                    });
            assertThat(h.stored(done.id())).isEqualTo(done);
            assertThat(h.observed).isEmpty();
        }
    }

    @Test
    void binding_a_schema_by_patch_validates_the_resulting_context() {
        try (ServiceHarness h = ServiceHarness.withSchemaValidator()) {
            SchemaId schema = SchemaId.random();
            h.stores.schemas().insert(SchemaFixtures.aSchema().id(schema).tenant(TENANT)
                    .jsonSchema(Map.of("type", "object", "required_custom", List.of("amount"))).build());
            Packet packet = h.newPacket();
            PacketContext valid = new PacketContext("Refund", List.of(), List.of(), Map.of("amount", 5L));

            assertThatThrownBy(() -> h.service.update(h.agent, packet.id(), schemaPatch(null, SchemaId.random())))
                    .extracting(e -> ((HandoffRailException) e).code()).isEqualTo(ErrorCode.SCHEMA_NOT_FOUND);
            assertThatThrownBy(() -> h.service.update(h.agent, packet.id(), schemaPatch(null, schema)))
                    .extracting(e -> ((HandoffRailException) e).code())
                    .isEqualTo(ErrorCode.SCHEMA_VALIDATION_FAILED);

            Packet bound = h.service.update(h.agent, packet.id(), schemaPatch(valid, schema));

            assertThat(bound.schemaId()).isEqualTo(schema);
            assertThat(h.history(packet.id()).get(1).details())
                    .containsEntry("fields_changed", List.of("context", "schema_id"));
            assertThatThrownBy(() -> h.service.update(h.agent, packet.id(),
                    schemaPatch(PacketContext.ofSummary("no amount"), null)))
                    .extracting(e -> ((HandoffRailException) e).code())
                    .isEqualTo(ErrorCode.SCHEMA_VALIDATION_FAILED);
        }
    }

    @Test
    void a_patch_making_the_stored_packet_too_large_is_refused() {
        try (ServiceHarness h = ServiceHarness.withTier(Tier.FREE)) {
            Packet packet = h.newPacket();
            PacketContext huge = new PacketContext("big", List.of(), List.of(), Map.of("blob", "x".repeat(70_000)));

            assertThatThrownBy(() -> h.service.update(h.agent, packet.id(), schemaPatch(huge, null)))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
                        assertThat(e.extras()).containsExactly(entry("tier", "free"), entry("limit_bytes", 65_536L));
                    });
            assertThat(h.stored(packet.id())).isEqualTo(packet);
        }
    }

    @Test
    void patching_needs_the_agent_role_and_an_existing_packet_of_the_tenant() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet foreign = h.insert(PacketFixtures.aPacket().tenant(Fixtures.GLOBEX));

            assertThatThrownBy(() -> h.service.update(h.reader, foreign.id(), PacketPatch.EMPTY))
                    .extracting(e -> ((HandoffRailException) e).code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThatThrownBy(() -> h.service.update(h.agent, foreign.id(), PacketPatch.EMPTY))
                    .isInstanceOfSatisfying(HandoffRailException.class,
                            e -> assertThat(e.detail()).isEqualTo("Packet " + foreign.id() + " not found"));
        }
    }

    @Test
    void concurrent_patches_are_applied_one_after_another_and_none_is_lost() throws Exception {
        try (ServiceHarness h = ServiceHarness.create()) {
            PacketId id = h.newPacket().id();
            AtomicInteger next = new AtomicInteger();

            Race.run(16, () -> h.service.update(h.agent, id, new PacketPatch(null, null,
                    List.of(decision("d" + next.incrementAndGet(), "decided")), null, null, null, null, null, null)));

            assertThat(h.stored(id).decisions()).hasSize(16);
            assertThat(h.stored(id).revision()).isEqualTo(17);
            assertThat(h.history(id)).filteredOn(e -> e.action().equals("updated")).hasSize(16);
        }
    }

    private static PacketPatch schemaPatch(PacketContext context, SchemaId schema) {
        return new PacketPatch(null, context, null, null, null, null, null, null, schema);
    }

    private static Decision decision(String id, String text) {
        return new Decision(id, text, "because", List.of(), null, null);
    }
}
