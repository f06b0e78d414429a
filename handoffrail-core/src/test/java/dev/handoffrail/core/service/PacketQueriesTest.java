package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.ServiceHarness.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketPage;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.testing.Fixtures;
import dev.handoffrail.core.testing.PacketFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PacketQueriesTest {

    @Test
    void get_returns_the_tenants_packet_and_hides_other_tenants() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.newPacket();
            Packet foreign = h.insert(PacketFixtures.aPacket().tenant(Fixtures.GLOBEX));

            assertThat(h.service.get(h.reader, packet.id())).isEqualTo(packet);
            assertThatThrownBy(() -> h.service.get(h.reader, foreign.id()))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.detail()).isEqualTo("Packet " + foreign.id() + " not found");
                    });
        }
    }

    @Test
    void list_applies_the_query_of_the_callers_tenant() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet first = h.newPacket();
            h.clock.advance(Duration.ofSeconds(1));
            Packet second = h.claimedPacket();
            h.insert(PacketFixtures.aPacket().tenant(Fixtures.GLOBEX));

            PacketPage all = h.service.list(h.reader, PacketQuery.all());
            PacketPage created = h.service.list(h.reader, new PacketQuery(Set.of(PacketStatus.CREATED), null, null,
                    Set.of(), null, null, null, null, 50, 0, null, false));

            assertThat(all.packets()).extracting(Packet::id).containsExactly(second.id(), first.id());
            assertThat(all.total()).isEqualTo(2);
            assertThat(created.packets()).extracting(Packet::id).containsExactly(first.id());
        }
    }

    @Test
    void the_human_queue_lists_awaiting_packets_oldest_first_without_a_cursor() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet older = h.service.create(h.writer, ServiceHarness.hitlDraft(null, null));
            h.clock.advance(Duration.ofSeconds(1));
            Packet newer = h.service.create(h.writer, ServiceHarness.hitlDraft(null, null));
            h.newPacket();

            PacketPage first = h.service.awaitingHuman(h.reader, 1, 0);
            PacketPage all = h.service.awaitingHuman(h.reader, 50, 0);

            assertThat(first.packets()).extracting(Packet::id).containsExactly(older.id());
            assertThat(first.total()).isEqualTo(2);
            assertThat(first.nextCursor()).isNull();
            assertThat(all.packets()).extracting(Packet::id).containsExactly(older.id(), newer.id());
        }
    }

    @Test
    void paging_outside_its_range_is_a_validation_error() {
        try (ServiceHarness h = ServiceHarness.create()) {
            assertThatThrownBy(() -> h.service.awaitingHuman(h.reader, 0, 0))
                    .extracting(e -> ((HandoffRailException) e).field()).isEqualTo("limit");
            assertThatThrownBy(() -> h.service.awaitingHuman(h.reader, 201, 0))
                    .extracting(e -> ((HandoffRailException) e).field()).isEqualTo("limit");
            assertThatThrownBy(() -> h.service.search(h.reader, "upgrade", Set.of(), null, 10, -1))
                    .extracting(e -> ((HandoffRailException) e).field()).isEqualTo("offset");
        }
    }

    @Test
    void search_finds_packets_with_every_word_and_never_offers_a_cursor() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet upgrade = h.service.create(h.writer, draft().withContext(
                    PacketContext.ofSummary("Customer is upgrading the plan")));
            h.service.create(h.writer, draft().withContext(PacketContext.ofSummary("Refund request")));

            PacketPage page = h.service.search(h.reader, "  Customer UPGRADING ", Set.of(), null, 10, 0);

            assertThat(page.packets()).extracting(Packet::id).containsExactly(upgrade.id());
            assertThat(page.total()).isEqualTo(1);
            assertThat(page.nextCursor()).isNull();
        }
    }

    @Test
    void a_search_without_searchable_words_is_empty_and_a_short_query_is_refused() {
        try (ServiceHarness h = ServiceHarness.create()) {
            h.newPacket();

            assertThat(h.service.search(h.reader, "\"-:*+@", Set.of(), null, 10, 0).packets()).isEmpty();
            assertThatThrownBy(() -> h.service.search(h.reader, " x ", Set.of(), null, 10, 0))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                        assertThat(e.field()).isEqualTo("q");
                    });
        }
    }

    @Test
    void history_is_chronological_and_needs_the_packet() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.claimedPacket();
            h.clock.advance(Duration.ofSeconds(5));
            h.service.delete(h.writer, packet.id());

            List<AuditEntry> history = h.service.history(h.reader, packet.id());

            assertThat(history).extracting(AuditEntry::action).containsExactly("created", "claimed", "expired");
            assertThatThrownBy(() -> h.service.history(h.reader, PacketId.random()))
                    .extracting(e -> ((HandoffRailException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        }
    }

    @Test
    void reading_needs_at_least_the_reader_role_of_the_tenant() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.newPacket();

            assertThat(h.service.get(h.admin, packet.id())).isEqualTo(packet);
        }
    }
}
