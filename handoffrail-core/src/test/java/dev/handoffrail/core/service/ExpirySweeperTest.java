package dev.handoffrail.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.handoffrail.core.RailObserver;
import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketRepresentation;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.in.Claimant;
import dev.handoffrail.core.testing.Fixtures;
import dev.handoffrail.core.testing.PacketFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ExpirySweeperTest {
    private static final Duration TTL = Duration.ofSeconds(86_400);

    @Test
    void ttl_and_hitl_timeout_expire_with_their_reasons() {
        try (ServiceHarness h = ServiceHarness.create()) {
            List<DomainEvent> swept = new CopyOnWriteArrayList<>();
            ExpirySweeper sweeper = sweeper(h, swept);
            Packet created = h.newPacket();
            Packet timed = h.service.create(h.writer, ServiceHarness.hitlDraft(null, 600));
            Packet untimed = h.service.create(h.writer, ServiceHarness.hitlDraft(null, null));

            Instant afterTimeout = h.clock.advance(Duration.ofSeconds(601));
            assertThat(sweeper.runOnce()).isEqualTo(1);
            Instant afterTtl = Fixtures.T0.plus(TTL).plusSeconds(1);
            h.clock.set(afterTtl);
            assertThat(sweeper.runOnce()).isEqualTo(2);

            assertThat(h.stored(timed.id()).status()).isEqualTo(PacketStatus.EXPIRED);
            assertThat(h.stored(timed.id()).updatedAt()).isEqualTo(afterTimeout);
            assertThat(last(h, timed)).satisfies(e -> {
                assertThat(e.action()).isEqualTo("expired");
                assertThat(e.actor()).isEqualTo("system:expiry_task");
                assertThat(e.apiKeyId()).isNull();
                assertThat(e.timestamp()).isEqualTo(afterTimeout);
                assertThat(e.details()).containsExactly(entry("previous_status", "awaiting_human"),
                        entry("reason", "hitl_timeout"));
            });
            assertThat(last(h, created).details()).containsExactly(entry("previous_status", "created"),
                    entry("reason", "ttl_exceeded"));
            assertThat(last(h, untimed).details()).containsExactly(entry("previous_status", "awaiting_human"),
                    entry("reason", "ttl_exceeded"));
            assertThat(h.stored(created.id()).updatedAt()).isEqualTo(afterTtl);
            assertThat(swept).extracting(DomainEvent::type).containsOnly(EventType.PACKET_EXPIRED).hasSize(3);
            assertThat(swept.get(0).data()).containsExactly(entry("status", "expired"),
                    entry("previous_status", "awaiting_human"), entry("reason", "hitl_timeout"),
                    entry("metadata", PacketRepresentation.metadataJson(h.stored(timed.id()))));
            assertThat(h.published).filteredOn(e -> e.type() == EventType.PACKET_EXPIRED).hasSize(3);
        }
    }

    @Test
    void the_ttl_counts_from_the_last_status_change() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.newPacket();
            h.clock.advance(Duration.ofHours(20));
            h.service.claim(h.agent, packet.id(), Claimant.of(ServiceHarness.BILLING));
            h.clock.advance(Duration.ofHours(5));

            assertThat(sweeper(h, new CopyOnWriteArrayList<>()).runOnce()).isZero();
            assertThat(h.stored(packet.id()).status()).isEqualTo(PacketStatus.CLAIMED);

            h.clock.advance(Duration.ofHours(20));
            assertThat(sweeper(h, new CopyOnWriteArrayList<>()).runOnce()).isEqualTo(1);
        }
    }

    @Test
    void a_checkpoint_timeout_longer_than_the_ttl_takes_precedence() {
        try (ServiceHarness h = ServiceHarness.create()) {
            ExpirySweeper sweeper = sweeper(h, new CopyOnWriteArrayList<>());
            Packet waiting = h.service.create(h.writer, ServiceHarness.hitlDraft(null, 2 * 86_400));

            h.clock.advance(TTL.plusSeconds(1));
            assertThat(sweeper.runOnce()).isZero();
            h.clock.advance(TTL);
            assertThat(sweeper.runOnce()).isEqualTo(1);

            assertThat(last(h, waiting).details()).containsEntry("reason", "hitl_timeout");
        }
    }

    @Test
    void completed_and_failed_packets_are_never_expired_by_the_ttl() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet done = h.insert(PacketFixtures.aPacket().status(PacketStatus.COMPLETED));
            Packet failed = h.insert(PacketFixtures.aPacket().status(PacketStatus.FAILED));
            h.clock.advance(TTL.multipliedBy(3));

            assertThat(sweeper(h, new CopyOnWriteArrayList<>()).runOnce()).isZero();

            assertThat(h.stored(done.id())).isEqualTo(done);
            assertThat(h.stored(failed.id())).isEqualTo(failed);
        }
    }

    @Test
    void a_response_after_the_checkpoint_timed_out_is_gone() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet waiting = h.service.create(h.writer, ServiceHarness.hitlDraft(null, 60));
            h.clock.advance(Duration.ofSeconds(61));
            sweeper(h, new CopyOnWriteArrayList<>()).runOnce();

            assertThatThrownBy(() -> h.service.respond(h.agent, waiting.id(), "ok", "ops", null))
                    .extracting(e -> ((HandoffRailException) e).code()).isEqualTo(ErrorCode.GONE);
        }
    }

    @Test
    void a_sweep_expires_more_packets_than_one_batch() {
        try (ServiceHarness h = ServiceHarness.create()) {
            for (int i = 0; i < ExpirySweeper.BATCH_SIZE + 5; i++) {
                h.insert(PacketFixtures.aPacket());
            }
            h.clock.advance(TTL.plusSeconds(1));

            assertThat(sweeper(h, new CopyOnWriteArrayList<>()).runOnce()).isEqualTo(ExpirySweeper.BATCH_SIZE + 5);
            assertThat(sweeper(h, new CopyOnWriteArrayList<>()).runOnce()).isZero();
        }
    }

    private static ExpirySweeper sweeper(ServiceHarness h, List<DomainEvent> events) {
        ExpirySweeper.Ports ports = new ExpirySweeper.Ports(h.ports.packets(), h.ports.journal());
        return new ExpirySweeper(ports, h.settings, new RailObserver() {
            @Override
            public void packetEvent(DomainEvent event) {
                events.add(event);
            }
        });
    }

    private static AuditEntry last(ServiceHarness h, Packet packet) {
        List<AuditEntry> history = h.history(packet.id());
        return history.get(history.size() - 1);
    }
}
