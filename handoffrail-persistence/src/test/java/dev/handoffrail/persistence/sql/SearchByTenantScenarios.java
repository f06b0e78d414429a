package dev.handoffrail.persistence.sql;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.SearchQuery;
import dev.handoffrail.core.port.out.PacketStore;
import dev.handoffrail.core.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The full-text index answers a search with the searching tenant's matches only (migrations V11): the match
 * condition alone, without the tenant condition the search adds to it, finds no other tenant's packet. Before V11 a
 * small tenant's search for a common word read every tenant's matches.
 */
abstract class SearchByTenantScenarios {
    /** The class's migrated database. */
    abstract TestDatabase database();

    @Test
    void the_match_condition_alone_finds_only_the_searching_tenants_packets() {
        PacketStore packets = database().persistence().packets();
        for (int i = 0; i < 300; i++) {
            packets.insert(aPacket().tenant(GLOBEX).summary("Routine upgrade " + i).build());
        }
        for (int i = 0; i < 5; i++) {
            packets.insert(aPacket().tenant(ACME).summary("Routine upgrade " + i).build());
        }
        packets.insert(aPacket().tenant(ACME).summary("Zircon audit").build());

        assertThat(matches(ACME, "upgrade")).isEqualTo(5);
        assertThat(matches(GLOBEX, "upgrade")).isEqualTo(300);
        assertThat(matches(ACME, "zircon")).isEqualTo(1);
        assertThat(matches(GLOBEX, "zircon")).isZero();
        assertThat(packets.search(ACME, search("upgrade")).total()).isEqualTo(5);
        assertThat(packets.search(GLOBEX, search("upgrade")).total()).isEqualTo(300);
    }

    @Test
    void the_tenants_own_index_term_is_no_word_of_its_packets() throws Exception {
        PacketStore packets = database().persistence().packets();
        packets.insert(aPacket().tenant(ACME).summary("Routine audit").build());
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest(ACME.value().getBytes(StandardCharsets.UTF_8)));
        String hex = HexFormat.of().formatHex(ACME.value().getBytes(StandardCharsets.UTF_8)) + "0";

        // PostgreSQL's term is 'tenant:' and the md5 of the id, SQLite's the hex of the id and a 0
        for (String term : List.of("tenant:" + md5, md5, hex, hex.toUpperCase(Locale.ROOT))) {
            assertThat(packets.search(ACME, search(term)).total()).as(term).isZero();
        }
        assertThat(packets.search(ACME, search("audit")).total()).isEqualTo(1);
    }

    @Test
    void a_changed_text_is_found_by_its_new_words_in_its_tenant_only() {
        PacketStore packets = database().persistence().packets();
        Packet packet = aPacket().tenant(ACME).summary("Upgrade request").build();
        packets.insert(packet);
        packets.insert(aPacket().tenant(GLOBEX).summary("Cancellation request").build());

        Packet renamed = packet.withContent(m -> m.context = new PacketContext("Cancellation request",
                m.context.conversationState(), m.context.artifacts(), m.context.custom()),
                packet.createdAt().plusSeconds(1));
        assertThat(packets.update(renamed, PacketStatus.CREATED)).isTrue();

        assertThat(packets.search(ACME, search("cancellation")).packets()).containsExactly(renamed);
        assertThat(packets.search(ACME, search("upgrade")).total()).isZero();
        assertThat(matches(ACME, "cancellation")).isEqualTo(1);
        assertThat(matches(GLOBEX, "cancellation")).isEqualTo(1);
    }

    /** How many packets the dialect's full-text match finds for {@code tenant}, with no other condition. */
    long matches(TenantId tenant, String word) {
        SqlDialect dialect = database().persistence().dialect();
        SqlDialect.FullText fullText = dialect.fullText();
        return database().persistence().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM "
                        + fullText.from() + " WHERE " + fullText.match())
                .bind("q", dialect.fullTextQuery(List.of(word)))
                .bind("search_tenant", tenant.value())
                .mapTo(Long.class)
                .one());
    }

    static SearchQuery search(String word) {
        return new SearchQuery(List.of(word), Set.of(), null, 20, 0);
    }
}
