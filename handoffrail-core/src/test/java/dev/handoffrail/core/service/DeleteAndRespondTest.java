package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.ServiceHarness.hitlDraft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.HitlCheckpoint;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketRepresentation;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.testing.PacketFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeleteAndRespondTest {

    @ParameterizedTest
    @EnumSource(value = PacketStatus.class, names = "EXPIRED", mode = EnumSource.Mode.EXCLUDE)
    void delete_expires_a_packet_from_any_other_status_as_a_soft_delete(PacketStatus status) {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.insert(PacketFixtures.aPacket().status(status));
            Instant now = h.clock.advance(Duration.ofHours(1));

            h.service.delete(h.writer, packet.id());

            Packet expired = h.stored(packet.id());
            assertThat(expired.status()).isEqualTo(PacketStatus.EXPIRED);
            assertThat(expired.updatedAt()).isEqualTo(now);
            assertThat(h.history(packet.id())).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo("expired");
                assertThat(e.actor()).isEqualTo("system:soft_delete");
                assertThat(e.apiKeyId()).isEqualTo(h.writer.keyId());
                assertThat(e.details()).containsExactly(entry("previous_status", status.wireName()),
                        entry("reason", "soft_delete"));
            });
            assertThat(h.observed).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo(EventType.PACKET_EXPIRED);
                assertThat(event.data()).containsExactly(entry("status", "expired"),
                        entry("previous_status", status.wireName()), entry("reason", "soft_delete"),
                        entry("metadata", PacketRepresentation.metadataJson(expired)));
            });
        }
    }

    @Test
    void deleting_an_expired_packet_is_already_expired() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.insert(PacketFixtures.aPacket().status(PacketStatus.EXPIRED));

            assertThatThrownBy(() -> h.service.delete(h.writer, packet.id()))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXPIRED);
                        assertThat(e.detail()).isEqualTo("Packet " + packet.id() + " is already expired");
                    });
        }
    }

    @Test
    void deleting_needs_the_writer_role_and_an_existing_packet() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.newPacket();

            assertThatThrownBy(() -> h.service.delete(h.agent, packet.id()))
                    .extracting(e -> ((HandoffRailException) e).code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThatThrownBy(() -> h.service.delete(h.writer, PacketId.random()))
                    .extracting(e -> ((HandoffRailException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(h.stored(packet.id()).status()).isEqualTo(PacketStatus.CREATED);
        }
    }

    @Test
    void a_response_sends_the_packet_back_to_work_as_claimed() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet waiting = h.service.create(h.writer, hitlDraft(List.of("Approve", "Deny"), 3600));
            Instant now = h.clock.advance(Duration.ofMinutes(7));
            h.clearEvents();

            Packet answered = h.service.respond(h.agent, waiting.id(), "Approve", "manager@company.com",
                    "VIP customer");

            assertThat(answered.status()).isEqualTo(PacketStatus.CLAIMED);
            assertThat(answered.claimedAt()).isEqualTo(now);
            assertThat(answered.targetAgent()).isEqualTo(waiting.targetAgent());
            assertThat(answered.hitl()).isEqualTo(new HitlCheckpoint(true, "Refund exceeds policy",
                    "Approve the refund?", List.of("Approve", "Deny"), 3600, "Approve", now, "manager@company.com",
                    "VIP customer"));
            assertThat(h.stored(waiting.id())).isEqualTo(answered);
            AuditEntry history = h.history(waiting.id()).get(1);
            assertThat(history.action()).isEqualTo("hitl_responded");
            assertThat(history.actor()).isEqualTo("human:manager@company.com");
            assertThat(history.details()).containsExactly(entry("response", "Approve"),
                    entry("notes", "VIP customer"), entry("transition_to", "claimed"));
            assertThat(h.observed).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo(EventType.HITL_RESPONSE_READY);
                assertThat(event.data()).containsExactly(entry("status", "claimed"),
                        entry("hitl_response", "Approve"), entry("responded_by", "manager@company.com"),
                        entry("metadata", PacketRepresentation.metadataJson(answered)));
            });
        }
    }

    @Test
    void without_options_any_response_is_accepted() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet waiting = h.service.create(h.writer, hitlDraft(null, null));

            Packet answered = h.service.respond(h.agent, waiting.id(), "Go ahead", "ops", null);

            assertThat(answered.hitl().response()).isEqualTo("Go ahead");
            assertThat(h.history(waiting.id()).get(1).details()).containsEntry("notes", null);
        }
    }

    @Test
    void a_response_outside_the_options_is_refused() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet waiting = h.service.create(h.writer, hitlDraft(List.of("Approve", "Deny"), null));

            assertThatThrownBy(() -> h.service.respond(h.agent, waiting.id(), "Maybe", "ops", null))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_HITL_RESPONSE);
                        assertThat(e.extras()).containsEntry("options", List.of("Approve", "Deny"));
                    });
            assertThat(h.stored(waiting.id())).isEqualTo(waiting);
        }
    }

    @Test
    void responding_to_a_packet_not_awaiting_a_human_is_refused_even_with_a_checkpoint() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet claimed = h.service.respond(h.agent,
                    h.service.create(h.writer, hitlDraft(null, null)).id(), "ok", "ops", null);

            assertThatThrownBy(() -> h.service.respond(h.agent, claimed.id(), "ok", "ops", null))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_AWAITING_HUMAN);
                        assertThat(e.detail())
                                .isEqualTo("Packet is in 'claimed' status, not 'awaiting_human'. Cannot respond.");
                    });
        }
    }

    @Test
    void responding_to_an_expired_packet_is_gone() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet waiting = h.service.create(h.writer, hitlDraft(null, null));
            h.service.delete(h.writer, waiting.id());

            assertThatThrownBy(() -> h.service.respond(h.agent, waiting.id(), "ok", "ops", null))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.GONE);
                        assertThat(e.detail()).isEqualTo("Packet " + waiting.id() + " has expired");
                    });
        }
    }

    @Test
    void a_response_needs_its_fields_and_the_agent_role() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet waiting = h.service.create(h.writer, hitlDraft(null, null));

            assertThatThrownBy(() -> h.service.respond(h.agent, waiting.id(), "", "ops", null))
                    .extracting(e -> ((HandoffRailException) e).field()).isEqualTo("response");
            assertThatThrownBy(() -> h.service.respond(h.reader, waiting.id(), "ok", "ops", null))
                    .extracting(e -> ((HandoffRailException) e).code()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(h.stored(waiting.id())).isEqualTo(waiting);
        }
    }
}
