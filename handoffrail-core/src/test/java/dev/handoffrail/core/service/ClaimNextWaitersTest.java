package dev.handoffrail.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketRepresentation;
import dev.handoffrail.core.testing.Fixtures;
import dev.handoffrail.core.testing.PacketFixtures;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClaimNextWaitersTest {
    private final ClaimNextWaiters waiters = new ClaimNextWaiters();

    @Test
    void a_waiter_is_woken_only_by_a_packet_it_would_take() {
        AtomicInteger wakes = new AtomicInteger();
        waiters.register(Fixtures.ACME, "billing-01", Set.of("vip"), wakes::incrementAndGet);

        waiters.packetAvailable(created(PacketFixtures.aPacket().tenant(Fixtures.GLOBEX).tags("vip").build()));
        waiters.packetAvailable(created(PacketFixtures.aPacket().target("support-01").tags("vip").build()));
        waiters.packetAvailable(created(PacketFixtures.aPacket().tags("eu").build()));
        assertThat(wakes).hasValue(0);

        waiters.packetAvailable(created(PacketFixtures.aPacket().tags("vip", "eu").build()));
        assertThat(wakes).hasValue(1);
    }

    @Test
    void a_waiter_for_any_target_is_woken_by_any_packet_of_its_tenant() {
        AtomicInteger wakes = new AtomicInteger();
        waiters.register(Fixtures.ACME, null, Set.of(), wakes::incrementAndGet);

        waiters.packetAvailable(created(PacketFixtures.aPacket().target("support-01").build()));

        assertThat(wakes).hasValue(1);
    }

    @Test
    void closing_wakes_current_and_later_waiters() {
        AtomicInteger current = new AtomicInteger();
        AtomicInteger later = new AtomicInteger();
        waiters.register(Fixtures.ACME, null, Set.of(), current::incrementAndGet);

        waiters.close();
        waiters.register(Fixtures.ACME, null, Set.of(), later::incrementAndGet);

        assertThat(current).hasValue(1);
        assertThat(later).hasValue(1);
        assertThat(waiters.closed()).isTrue();
    }

    @Test
    void removed_waiters_are_no_longer_counted() {
        ClaimNextWaiters.Waiter waiter = waiters.register(Fixtures.ACME, null, Set.of(), () -> { });
        assertThat(waiters.waiting()).isEqualTo(1);

        waiters.remove(waiter);

        assertThat(waiters.waiting()).isZero();
    }

    private static DomainEvent created(Packet packet) {
        return new DomainEvent(EventType.PACKET_CREATED, packet.tenant(), packet.id(),
                Map.of("status", "created", "metadata", PacketRepresentation.metadataJson(packet)), Fixtures.T0,
                packet);
    }
}
