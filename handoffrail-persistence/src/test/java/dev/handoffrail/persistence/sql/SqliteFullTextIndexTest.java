package dev.handoffrail.persistence.sql;

import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.SearchQuery;
import dev.handoffrail.core.port.out.PacketStore;
import dev.handoffrail.core.tenant.TenantId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SQLite full-text index (FTS5, external content) is written when a packet's text changes, not on each status
 * change (migration V9): a claim leaves the index's stored segments exactly as they were.
 */
class SqliteFullTextIndexTest {
    private static final TenantId TENANT = new TenantId("acme");

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.sqlite();

    @Test
    void a_claim_leaves_the_full_text_index_untouched() {
        PacketStore packets = DATABASE.persistence().packets();
        Packet packet = aPacket().tenant(TENANT).summary("Upgrade request").build();
        packets.insert(packet);
        String before = indexSegments();

        Packet claimed = packet.claimedBy(AgentInfo.of("worker", "Worker"), packet.createdAt().plusSeconds(1));
        assertThat(packets.update(claimed, PacketStatus.CREATED)).isTrue();

        assertThat(indexSegments()).isEqualTo(before);
        assertThat(packets.search(TENANT, search("upgrade")).packets()).containsExactly(claimed);
    }

    @Test
    void a_text_change_replaces_the_packets_entry() {
        PacketStore packets = DATABASE.persistence().packets();
        Packet packet = aPacket().tenant(TENANT).summary("Upgrade request").build();
        packets.insert(packet);
        String before = indexSegments();

        Packet renamed = packet.withContent(m -> m.context = new PacketContext("Cancellation request",
                m.context.conversationState(), m.context.artifacts(), m.context.custom()),
                packet.createdAt().plusSeconds(1));
        assertThat(packets.update(renamed, PacketStatus.CREATED)).isTrue();

        assertThat(indexSegments()).isNotEqualTo(before);
        assertThat(packets.search(TENANT, search("cancellation")).packets()).containsExactly(renamed);
        assertThat(packets.search(TENANT, search("upgrade")).total()).isZero();
    }

    /** The FTS5 index's stored segments: every write to the index adds to or merges them. */
    private static String indexSegments() {
        return DATABASE.persistence().jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) || ':' || coalesce(sum(length(block)), 0) || ':' || max(id) "
                                + "FROM packets_fts_data")
                .mapTo(String.class).one());
    }

    private static SearchQuery search(String word) {
        return new SearchQuery(List.of(word), Set.of(), null, 20, 0);
    }
}
