package dev.handoffrail.persistence.sql;

import static dev.handoffrail.persistence.sql.TestPackets.ACME;
import static dev.handoffrail.persistence.sql.TestPackets.GLOBEX;
import static dev.handoffrail.persistence.sql.TestPackets.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketPage;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.packet.SearchQuery;
import dev.handoffrail.core.packet.Trigger;
import dev.handoffrail.core.port.out.PacketStore;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryId;
import dev.handoffrail.core.webhook.WebhookId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What only a real database can show, run against SQLite and PostgreSQL by the subclasses: the stored form
 * round-trips, transactions are atomic and nest, conditional updates, data survives a restart, and search.
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
    void a_packet_with_every_field_set_reads_back_equal() {
        Packet packet = TestPackets.full(ACME);

        packets().insert(packet);

        assertThat(packets().find(ACME, packet.id())).contains(packet);
    }

    @Test
    void free_form_objects_keep_the_order_of_their_keys() {
        Packet packet = TestPackets.full(ACME);
        packets().insert(packet);

        Packet read = packets().find(ACME, packet.id()).orElseThrow();

        assertThat(read.context().custom().keySet()).containsExactly("zeta", "alpha", "nested", "nothing");
    }

    @Test
    void another_tenants_packet_is_absent() {
        Packet packet = TestPackets.created(ACME, "mine", T0);
        packets().insert(packet);

        assertThat(packets().find(GLOBEX, packet.id())).isEmpty();
        assertThat(packets().list(GLOBEX, PacketQuery.all()).total()).isZero();
    }

    @Test
    void an_update_against_a_stale_revision_or_status_changes_nothing() {
        Packet packet = TestPackets.created(ACME, "claim me", T0);
        packets().insert(packet);
        Packet claimed = packet.claimedBy(AgentInfo.of("billing-02", "B2"), T0.plusSeconds(5));

        assertThat(packets().update(claimed, PacketStatus.CREATED)).isTrue();
        assertThat(packets().update(claimed, PacketStatus.CREATED)).isFalse();
        Packet started = claimed.movedTo(PacketStatus.IN_PROGRESS, Trigger.PATCH, T0.plusSeconds(6));
        assertThat(packets().update(started, PacketStatus.CREATED)).isFalse();

        assertThat(packets().find(ACME, packet.id())).contains(claimed);
    }

    @Test
    void a_transaction_that_fails_after_the_insert_leaves_no_packet_no_history_and_no_outbox_row() {
        Packet packet = TestPackets.created(ACME, "doomed", T0);
        Delivery delivery = Delivery.pending(WebhookId.random(), ACME, packet.id(), EventType.PACKET_CREATED,
                "{}".getBytes(StandardCharsets.UTF_8), DeliveryId.random(), T0);

        assertThatThrownBy(() -> db().transactor().run(() -> {
            packets().insert(packet);
            db().audit().append(List.of(AuditEntry.history(ACME, packet.id(), "created", "agent:sales-01", Map.of(),
                    T0, null)));
            db().deliveries().insert(List.of(delivery));
            throw new IllegalStateException("crash after the writes");
        })).isInstanceOf(IllegalStateException.class).hasMessage("crash after the writes");

        assertThat(packets().find(ACME, packet.id())).isEmpty();
        assertThat(db().audit().history(ACME, packet.id())).isEmpty();
        assertThat(db().deliveries().find(ACME, delivery.id())).isEmpty();
        assertThat(db().deliveries().leaseDue(T0.plusSeconds(1), T0.plusSeconds(60), 10)).isEmpty();
    }

    @Test
    void nested_transactions_join_the_outer_one_and_roll_back_with_it() {
        Packet outer = TestPackets.created(ACME, "outer", T0);
        Packet inner = TestPackets.created(ACME, "inner", T0);

        assertThatThrownBy(() -> db().transactor().run(() -> {
            packets().insert(outer);
            db().transactor().run(() -> packets().insert(inner));
            assertThat(packets().find(ACME, inner.id())).isPresent();
            throw new IllegalArgumentException("outer fails");
        })).isInstanceOf(IllegalArgumentException.class);

        assertThat(packets().find(ACME, outer.id())).isEmpty();
        assertThat(packets().find(ACME, inner.id())).isEmpty();
    }

    @Test
    void a_committed_transaction_returns_its_result_and_keeps_every_write() {
        Packet first = TestPackets.created(ACME, "first", T0);
        Packet second = TestPackets.created(ACME, "second", T0.plusSeconds(1));

        String result = db().transactor().inTransaction(() -> {
            packets().insert(first);
            packets().insert(second);
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(packets().list(ACME, PacketQuery.all()).packets()).containsExactly(second, first);
    }

    @Test
    void data_written_before_a_restart_is_read_back_after_it() {
        Packet packet = TestPackets.full(ACME);
        try (SqlPersistence first = database().openAnother(new PoolSettings(1, 0))) {
            first.packets().insert(packet);
        }

        try (SqlPersistence reopened = database().openAnother(new PoolSettings(1, 0))) {
            assertThat(reopened.packets().find(ACME, packet.id())).contains(packet);
        }
    }

    @Test
    void migrating_an_up_to_date_database_applies_nothing() {
        assertThat(Migrations.migrate(db().dataSource(), db().dialect())).isZero();
    }

    @Test
    void health_information_describes_the_backend() {
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
    void the_list_pages_by_cursor_without_overlap_and_counts_every_match() {
        for (int i = 0; i < 7; i++) {
            packets().insert(TestPackets.created(ACME, "p" + i, T0.plusSeconds(i / 2)));
        }
        PacketQuery query = PacketQuery.all().withPage(3, 0, null);

        PacketPage first = packets().list(ACME, query);
        PacketPage second = packets().list(ACME, query.withPage(3, 0, first.nextCursor()));
        PacketPage third = packets().list(ACME, query.withPage(3, 0, second.nextCursor()));

        assertThat(first.total()).isEqualTo(7);
        assertThat(third.total()).isEqualTo(7);
        assertThat(third.nextCursor()).isNull();
        List<Packet> all = new java.util.ArrayList<>(first.packets());
        all.addAll(second.packets());
        all.addAll(third.packets());
        assertThat(all).hasSize(7).doesNotHaveDuplicates();
        assertThat(all).isSortedAccordingTo(java.util.Comparator.comparing(Packet::createdAt)
                .thenComparing(p -> p.id().toString()).reversed());
    }

    @Test
    void the_list_applies_every_filter() {
        Packet match = TestPackets.created(ACME, "match", T0.plusSeconds(10), "billing-01", Priority.HIGH,
                List.of("upgrade", "vip"));
        packets().insert(match);
        packets().insert(TestPackets.created(ACME, "other target", T0.plusSeconds(10), "ops", Priority.HIGH,
                List.of("upgrade", "vip")));
        packets().insert(TestPackets.created(ACME, "one tag only", T0.plusSeconds(10), "billing-01", Priority.HIGH,
                List.of("upgrade")));
        packets().insert(TestPackets.created(ACME, "low", T0.plusSeconds(10), "billing-01", Priority.LOW,
                List.of("upgrade", "vip")));
        packets().insert(TestPackets.created(ACME, "too early", T0, "billing-01", Priority.HIGH,
                List.of("upgrade", "vip")));
        PacketQuery query = new PacketQuery(Set.of(PacketStatus.CREATED, PacketStatus.CLAIMED), "sales-01",
                "billing-01", Set.of("vip", "upgrade"), Priority.HIGH, false, T0.plusSeconds(10),
                T0.plusSeconds(10), 50, 0, null, false);

        PacketPage page = packets().list(ACME, query);

        assertThat(page.packets()).containsExactly(match);
        assertThat(page.total()).isEqualTo(1);
    }

    @Test
    void search_ranks_the_best_match_first_and_stems_english_words() {
        Packet weak = TestPackets.created(ACME, "The invoice mentions an upgrade once", T0.plusSeconds(2));
        Packet strong = TestPackets.created(ACME, "Upgrade upgrades upgrading: the upgrade plan", T0);
        Packet none = TestPackets.created(ACME, "Nothing relevant here", T0.plusSeconds(3));
        packets().insert(weak);
        packets().insert(strong);
        packets().insert(none);

        PacketPage page = packets().search(ACME, new SearchQuery(List.of("upgraded"), Set.of(), null, 50, 0));

        assertThat(page.packets()).containsExactly(strong, weak);
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void search_looks_at_tags_conversation_and_decisions_and_requires_every_word() {
        Packet tagged = TestPackets.created(ACME, "summary", T0, "billing-01", Priority.NORMAL, List.of("refund"));
        Packet full = TestPackets.full(ACME);
        packets().insert(tagged);
        packets().insert(full);

        assertThat(packets().search(ACME, words("refund")).packets()).containsExactly(tagged);
        assertThat(packets().search(ACME, words("billing", "hand")).packets()).containsExactly(full);
        assertThat(packets().search(ACME, words("proceed", "eligible")).packets()).isEmpty();
        assertThat(packets().search(ACME, words("proceed", "upgrade")).packets()).containsExactly(full);
        assertThat(packets().search(GLOBEX, words("proceed")).packets()).isEmpty();
    }

    @Test
    void search_treats_operator_characters_as_plain_text() {
        packets().insert(TestPackets.created(ACME, "c++ AND OR NOT \"quoted\" a*b -minus col:on @at", T0));

        for (String query : List.of("c++", "\"unterminated", "a AND OR", "*", "NOT", "-", ":", "@", "\"\"", "(",
                ")", "^", "NEAR(a b)", "col:on", "'", "\\", "%", "_")) {
            assertThat(packets().search(ACME, words(query.split(" "))).total()).as(query).isNotNegative();
        }
        assertThat(packets().search(ACME, words("*")).total()).isZero();
        assertThat(packets().search(ACME, words("quoted")).total()).isEqualTo(1);
    }

    @Test
    void search_sees_an_update_at_once() {
        Packet packet = TestPackets.created(ACME, "before", T0);
        packets().insert(packet);
        Packet changed = packet.withContent(m -> m.context = dev.handoffrail.core.packet.PacketContext.ofSummary(
                "afterwards"), T0.plusSeconds(1));

        packets().update(changed, PacketStatus.CREATED);

        assertThat(packets().search(ACME, words("afterwards")).packets()).containsExactly(changed);
        assertThat(packets().search(ACME, words("before")).packets()).isEmpty();
    }

    @Test
    void expirable_packets_respect_the_ttl_and_checkpoint_timeouts() {
        Packet old = TestPackets.created(ACME, "old", T0);
        Packet fresh = TestPackets.created(ACME, "fresh", T0.plus(Duration.ofHours(2)));
        packets().insert(old);
        packets().insert(fresh);

        List<Packet> expirable = packets().findExpirable(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(3)),
                10);

        assertThat(expirable).containsExactly(old);
    }

    private static SearchQuery words(String... words) {
        return new SearchQuery(List.of(words), Set.of(), null, 50, 0);
    }
}
