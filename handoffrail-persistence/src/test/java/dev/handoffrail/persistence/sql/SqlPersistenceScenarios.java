package dev.handoffrail.persistence.sql;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static dev.handoffrail.core.testing.PacketFixtures.aFullPacket;
import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketPage;
import dev.handoffrail.core.packet.SearchQuery;
import dev.handoffrail.core.port.out.PacketStore;
import dev.handoffrail.core.schema.SchemaId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the core's contract suites cannot ask of every adapter, run against SQLite and PostgreSQL by the
 * subclasses: the stored form keeps free-form JSON verbatim, data survives a restart, migrations are idempotent,
 * health information, and the database's own full-text search (stemming, operator characters).
 */
abstract class SqlPersistenceScenarios {
    abstract TestDatabase database();

    private SqlPersistence db() {
        return database().persistence();
    }

    private PacketStore packets() {
        return db().packets();
    }

    @Test
    void free_form_objects_keep_the_order_of_their_keys() {
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("zeta", 1L);
        custom.put("alpha", List.of("x", 2.5, true));
        custom.put("mid", Map.of("deep", 12_345_678_901_234L));
        custom.put("b", null);
        Packet packet = aPacket().custom(custom).build();
        packets().insert(packet);

        Packet read = packets().find(ACME, packet.id()).orElseThrow();

        assertThat(read).isEqualTo(packet);
        assertThat(read.context().custom().keySet()).containsExactly("zeta", "alpha", "mid", "b");
    }

    @Test
    void data_written_before_a_restart_is_read_back_after_it() {
        Packet packet = aFullPacket(PacketId.random(), SchemaId.random()).build();
        try (SqlPersistence first = database().openAnother(new PoolSettings(1, 0))) {
            first.packets().insert(packet);
        }

        try (SqlPersistence reopened = database().openAnother(new PoolSettings(1, 0))) {
            assertThat(reopened.packets().find(ACME, packet.id())).contains(packet);
            assertThat(reopened.packets().search(ACME, words("billing")).packets()).containsExactly(packet);
        }
    }

    @Test
    void migrating_an_up_to_date_database_applies_nothing() {
        assertThat(Migrations.migrate(db().dataSource(), db().dialect())).isZero();
    }

    @Test
    void health_information_describes_the_backend_and_the_pool() {
        assertThat(db().ping()).isTrue();
        assertThat(db().backend()).isEqualTo(db().dialect().backendName());
        assertThat(db().databaseSizeBytes()).isPositive();
        SqlPersistence.PoolStats stats = db().poolStats();
        assertThat(stats.size()).isBetween(1, 10);
        assertThat(stats.active() + stats.idle()).isEqualTo(stats.size());
        assertThat(stats.pending()).isZero();
    }

    @Test
    void ping_answers_false_instead_of_throwing_once_the_database_is_out_of_reach() {
        SqlPersistence closed = database().openAnother(new PoolSettings(1, 0));
        closed.close();

        assertThat(closed.ping()).isFalse();
    }

    @Test
    void search_stems_english_words_and_ranks_the_best_match_first() {
        Packet weak = aPacket().summary("The invoice mentions an upgrade once").createdAt(T0.plusSeconds(2)).build();
        Packet strong = aPacket().summary("Upgrade upgrades upgrading: the upgrade plan").createdAt(T0).build();
        packets().insert(weak);
        packets().insert(strong);
        packets().insert(aPacket().summary("Nothing relevant here").createdAt(T0.plusSeconds(3)).build());

        PacketPage page = packets().search(ACME, words("upgraded"));

        assertThat(page.packets()).containsExactly(strong, weak);
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void search_treats_operator_characters_as_plain_text() {
        Packet packet = aPacket().summary("c++ AND OR NOT \"quoted\" a*b -minus col:on @at NEAR").build();
        packets().insert(packet);

        for (String query : List.of("c++", "\"unterminated", "a AND OR", "*", "NOT", "-", ":", "@", "\"\"", "(",
                ")", "^", "NEAR(a b)", "col:on", "'", "\\", "%", "_", "a\u0000b", "NEAR/2")) {
            assertThat(packets().search(ACME, words(query.split(" "))).total()).as(query).isBetween(0L, 1L);
        }
        assertThat(packets().search(ACME, words("*")).total()).isZero();
        assertThat(packets().search(ACME, words("quoted")).packets()).containsExactly(packet);
        assertThat(packets().search(ACME, words("near")).packets()).containsExactly(packet);
    }

    private static SearchQuery words(String... words) {
        return new SearchQuery(List.of(words), Set.of(), null, 50, 0);
    }
}
