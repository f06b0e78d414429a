package dev.handoffrail.core.packet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.webhook.DeliveryId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidsTest {
    private static final long T0_MILLIS = Instant.parse("2026-05-30T10:00:00Z").toEpochMilli();

    @Test
    void a_time_ordered_id_is_a_version_7_uuid_whose_first_48_bits_are_its_unix_milliseconds() {
        UUID id = Uuids.timeOrdered(T0_MILLIS, new Random(1));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(T0_MILLIS);
        assertThat(id.toString()).startsWith(String.format("%08x-%04x-7", T0_MILLIS >>> 16, T0_MILLIS & 0xFFFF));
    }

    @Test
    void ids_of_later_milliseconds_sort_after_earlier_ones_as_text() {
        Random random = new Random(7);
        List<String> ids = new ArrayList<>();
        for (int millis = 0; millis < 1_000; millis++) {
            ids.add(Uuids.timeOrdered(T0_MILLIS + millis, random).toString());
        }

        assertThat(ids).isSorted();
    }

    @Test
    void ids_of_one_millisecond_differ_in_their_74_random_bits() {
        Random random = new Random(3);
        HashSet<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Uuids.timeOrdered(T0_MILLIS, random));
        }

        assertThat(ids).hasSize(10_000);
    }

    @Test
    void new_packet_delivery_and_history_ids_are_time_ordered_and_canonical() {
        long before = System.currentTimeMillis();
        UUID packet = PacketId.random().value();
        UUID delivery = DeliveryId.random().value();
        UUID history = AuditEntry.history(new TenantId("acme"), PacketId.random(), "created", "agent:a", Map.of(),
                Instant.now(), null).id();
        long after = System.currentTimeMillis();

        for (UUID id : List.of(packet, delivery, history)) {
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
            assertThat(Uuids.parseCanonical(id.toString())).contains(id);
        }
    }
}
