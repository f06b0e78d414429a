package dev.handoffrail.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handoffrail.bench.scenario.PacketBodies;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable writes of the ceiling (create, claim, complete) against real SQLite (a temporary file) and real
 * PostgreSQL (127.0.0.1:5432).
 */
class CeilingStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CREATED_AT = Instant.parse("2026-05-30T19:35:00.123456Z");
    private static final Instant CLAIMED_AT = Instant.parse("2026-05-30T19:36:00.5Z");
    private static final Instant COMPLETED_AT = Instant.parse("2026-05-30T19:37:00.000001Z");

    /** A bench body as the server prepares it: parsed, with its id, and rendered. */
    static DurablePacket packet(long n) throws Exception {
        ObjectNode document = (ObjectNode) JSON.readTree(PacketBodies.packet(n, "sales-01", "billing-01"));
        UUID id = UUID.randomUUID();
        document.put("id", id.toString());
        return DurablePacket.of(id, CREATED_AT, document, JSON.writeValueAsString(document));
    }

    /** What every database must show after durable creates, claims and completes. */
    abstract static class DurableWritesOnEachDatabase {
        CeilingStore store;

        abstract Connection inspect() throws SQLException;

        /** The database's full-text query for packets matching one word, returning their count. */
        abstract String fullTextCount();

        @AfterEach
        void closeStore() throws SQLException {
            if (store != null) {
                store.close();
            }
        }

        @Test
        void one_create_writes_one_packet_three_tags_one_audit_row_and_counts_one_handoff() throws Exception {
            DurablePacket packet = packet(1);

            store.insertDurable(packet);

            assertThat(rows("SELECT CAST(id AS TEXT), tenant_id, status, source_agent_id, target_agent_id, "
                    + "priority_rank, created_at, CAST(body AS TEXT) FROM ceiling_full_packets")).containsExactly(
                    List.of(packet.id().toString(), "ceiling", "created", "sales-01", "billing-01", "1",
                            "1780169700123456", packet.body()));
            assertThat(rows("SELECT tag FROM ceiling_full_packet_tags ORDER BY tag"))
                    .containsExactly(List.of("bench"), List.of("business-tier"), List.of("upgrade"));
            assertThat(rows("SELECT CAST(packet_id AS TEXT), resource, action, actor, CAST(details AS TEXT) "
                    + "FROM ceiling_audit_log")).containsExactly(
                    List.of(packet.id().toString(), "packet", "created", "agent:sales-01",
                            "{\"status\":\"created\"}"));
            assertThat(rows("SELECT tenant_id, day, stripe, used FROM ceiling_daily")).containsExactly(
                    List.of("ceiling", "2026-05-30",
                            Integer.toString(Math.floorMod(packet.id().hashCode(), DurableWrites.DAILY_STRIPES)),
                            "1"));
        }

        @Test
        void n_creates_write_n_packets_and_raise_the_days_stripes_to_n_in_all() throws Exception {
            for (int n = 1; n <= 5; n++) {
                store.insertDurable(packet(n));
            }

            assertThat(rows("SELECT count(*) FROM ceiling_full_packets")).containsExactly(List.of("5"));
            assertThat(rows("SELECT count(*) FROM ceiling_full_packet_tags")).containsExactly(List.of("15"));
            assertThat(rows("SELECT count(*) FROM ceiling_audit_log")).containsExactly(List.of("5"));
            assertThat(rows("SELECT sum(used) FROM ceiling_daily")).containsExactly(List.of("5"));
        }

        @Test
        void the_full_text_index_finds_a_packet_by_a_word_of_its_conversation() throws Exception {
            store.insertDurable(packet(1));
            store.insertDurable(packet(2));

            assertThat(rows(fullTextCount().replace("?", "compliance"))).containsExactly(List.of("2"));
            assertThat(rows(fullTextCount().replace("?", "zircon"))).containsExactly(List.of("0"));
        }

        @Test
        void a_failed_create_is_rolled_back_and_the_next_one_commits() throws Exception {
            DurablePacket packet = packet(1);
            store.insertDurable(packet);

            assertThatThrownBy(() -> store.insertDurable(packet)).isInstanceOf(SQLException.class);
            store.insertDurable(packet(2));

            assertThat(rows("SELECT count(*) FROM ceiling_full_packets")).containsExactly(List.of("2"));
            assertThat(rows("SELECT count(*) FROM ceiling_audit_log")).containsExactly(List.of("2"));
            assertThat(rows("SELECT sum(used) FROM ceiling_daily")).containsExactly(List.of("2"));
        }

        @Test
        void the_one_insert_ceiling_still_writes_one_row_of_its_own() throws Exception {
            store.insert(UUID.randomUUID(), "{\"a\":1}");

            assertThat(rows("SELECT body FROM ceiling_packets")).containsExactly(List.of("{\"a\":1}"));
            assertThat(rows("SELECT count(*) FROM ceiling_full_packets")).containsExactly(List.of("0"));
        }

        @Test
        void a_created_packet_is_claimed_once_and_a_second_claim_is_refused() throws Exception {
            DurablePacket packet = packet(1);
            store.insertDurable(packet);

            DurableTransition.Outcome first = store.transitionDurable(
                    DurableTransition.claim(packet.id(), "billing-02", "Billing Two", "crewai", CLAIMED_AT));
            DurableTransition.Outcome second = store.transitionDurable(
                    DurableTransition.claim(packet.id(), "billing-03", "Billing Three", null, COMPLETED_AT));

            assertThat(first.result()).isEqualTo(DurableTransition.Outcome.Result.CHANGED);
            assertThat(first.status()).isEqualTo("claimed");
            assertThat(second).isEqualTo(DurableTransition.Outcome.refused("claimed"));
            JsonNode document = JSON.readTree(first.body());
            assertThat(document.get("status").asText()).isEqualTo("claimed");
            assertThat(document.get("updated_at").asText()).isEqualTo("2026-05-30T19:36:00.500Z");
            assertThat(document.at("/metadata/claimed_at").asText()).isEqualTo("2026-05-30T19:36:00.500Z");
            assertThat(document.at("/metadata/target_agent").toString())
                    .isEqualTo("{\"id\":\"billing-02\",\"name\":\"Billing Two\",\"framework\":\"crewai\"}");
            assertThat(rows("SELECT status, revision, target_agent_id, updated_at, status_changed_at, claimed_at, "
                    + "completed_at, CAST(body AS TEXT) FROM ceiling_full_packets")).containsExactly(
                    Arrays.asList("claimed", "2", "billing-02", "1780169760500000", "1780169760500000",
                            "1780169760500000", null, first.body()));
            assertThat(rows("SELECT action, actor, CAST(details AS TEXT), occurred_at FROM ceiling_audit_log "
                    + "ORDER BY seq")).containsExactly(
                    List.of("created", "agent:sales-01", "{\"status\":\"created\"}", "1780169700123456"),
                    List.of("claimed", "agent:billing-02", "{\"from_status\":\"created\",\"to_status\":\"claimed\"}",
                            "1780169760500000"));
        }

        @Test
        void complete_after_claim_completes_the_packet_and_keeps_the_claimant_as_target() throws Exception {
            DurablePacket packet = packet(1);
            store.insertDurable(packet);
            store.transitionDurable(DurableTransition.claim(packet.id(), "billing-02", "Billing Two", null,
                    CLAIMED_AT));

            DurableTransition.Outcome completed = store.transitionDurable(
                    DurableTransition.complete(packet.id(), COMPLETED_AT));

            assertThat(completed.result()).isEqualTo(DurableTransition.Outcome.Result.CHANGED);
            JsonNode document = JSON.readTree(completed.body());
            assertThat(document.get("status").asText()).isEqualTo("completed");
            assertThat(document.get("updated_at").asText()).isEqualTo("2026-05-30T19:37:00.000001Z");
            assertThat(document.at("/metadata/claimed_at").asText()).isEqualTo("2026-05-30T19:36:00.500Z");
            assertThat(document.at("/metadata/completed_at").asText()).isEqualTo("2026-05-30T19:37:00.000001Z");
            assertThat(document.at("/metadata/target_agent/id").asText()).isEqualTo("billing-02");
            assertThat(rows("SELECT status, revision, target_agent_id, updated_at, claimed_at, completed_at, "
                    + "CAST(body AS TEXT) FROM ceiling_full_packets")).containsExactly(
                    List.of("completed", "3", "billing-02", "1780169820000001", "1780169760500000",
                            "1780169820000001", completed.body()));
            assertThat(rows("SELECT action, actor, CAST(details AS TEXT) FROM ceiling_audit_log ORDER BY seq"))
                    .containsExactly(
                            List.of("created", "agent:sales-01", "{\"status\":\"created\"}"),
                            List.of("claimed", "agent:billing-02",
                                    "{\"from_status\":\"created\",\"to_status\":\"claimed\"}"),
                            List.of("completed", "agent:billing-02",
                                    "{\"from_status\":\"claimed\",\"to_status\":\"completed\"}"));
            assertThat(store.transitionDurable(DurableTransition.complete(packet.id(), COMPLETED_AT)))
                    .isEqualTo(DurableTransition.Outcome.refused("completed"));
            assertThat(store.transitionDurable(DurableTransition.claim(packet.id(), "billing-03", null, null,
                    COMPLETED_AT))).isEqualTo(DurableTransition.Outcome.refused("completed"));
        }

        @Test
        void complete_of_a_packet_not_claimed_is_refused_and_writes_nothing() throws Exception {
            DurablePacket packet = packet(1);
            store.insertDurable(packet);

            DurableTransition.Outcome outcome = store.transitionDurable(
                    DurableTransition.complete(packet.id(), COMPLETED_AT));

            assertThat(outcome).isEqualTo(DurableTransition.Outcome.refused("created"));
            assertThat(rows("SELECT status, revision, updated_at, completed_at, CAST(body AS TEXT) "
                    + "FROM ceiling_full_packets")).containsExactly(
                    Arrays.asList("created", "1", "1780169700123456", null, packet.body()));
            assertThat(rows("SELECT count(*) FROM ceiling_audit_log")).containsExactly(List.of("1"));
        }

        @Test
        void a_claim_or_complete_of_an_unknown_packet_finds_none_and_writes_nothing() throws Exception {
            store.insertDurable(packet(1));
            UUID unknown = UUID.randomUUID();

            assertThat(store.transitionDurable(DurableTransition.claim(unknown, "billing-02", null, null,
                    CLAIMED_AT))).isEqualTo(DurableTransition.Outcome.notFound());
            assertThat(store.transitionDurable(DurableTransition.complete(unknown, COMPLETED_AT)))
                    .isEqualTo(DurableTransition.Outcome.notFound());
            assertThat(rows("SELECT status FROM ceiling_full_packets")).containsExactly(List.of("created"));
            assertThat(rows("SELECT count(*) FROM ceiling_audit_log")).containsExactly(List.of("1"));
        }

        @Test
        void of_claimers_racing_for_each_packet_exactly_one_wins_and_one_claim_row_is_written() throws Exception {
            int packets = 10;
            int claimers = 8;
            List<DurablePacket> created = new ArrayList<>();
            for (int n = 1; n <= packets; n++) {
                DurablePacket packet = packet(n);
                store.insertDurable(packet);
                created.add(packet);
            }
            List<DurableTransition.Outcome> outcomes = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(claimers);
            try {
                for (DurablePacket packet : created) {
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<DurableTransition.Outcome>> claims = new ArrayList<>();
                    for (int c = 0; c < claimers; c++) {
                        String agent = "claimer-" + c;
                        claims.add(pool.submit(() -> {
                            start.await();
                            return store.transitionDurable(DurableTransition.claim(packet.id(), agent, null, null,
                                    CLAIMED_AT));
                        }));
                    }
                    start.countDown();
                    for (Future<DurableTransition.Outcome> claim : claims) {
                        outcomes.add(claim.get(30, TimeUnit.SECONDS));
                    }
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(outcomes).filteredOn(o -> o.result() == DurableTransition.Outcome.Result.CHANGED)
                    .hasSize(packets);
            assertThat(outcomes).filteredOn(o -> o.result() != DurableTransition.Outcome.Result.CHANGED)
                    .hasSize(packets * (claimers - 1))
                    .allMatch(o -> o.equals(DurableTransition.Outcome.refused("claimed")));
            assertThat(rows("SELECT status, revision, count(*) FROM ceiling_full_packets GROUP BY status, revision"))
                    .containsExactly(List.of("claimed", "2", Integer.toString(packets)));
            assertThat(rows("SELECT action, count(*) FROM ceiling_audit_log GROUP BY action ORDER BY action"))
                    .containsExactly(List.of("claimed", Integer.toString(packets)),
                            List.of("created", Integer.toString(packets)));
        }

        /** Every row of {@code sql}, each column as text. */
        List<List<String>> rows(String sql) throws SQLException {
            List<List<String>> rows = new ArrayList<>();
            try (Connection connection = inspect(); Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(sql)) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(result.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    @Nested
    class OnSqlite extends DurableWritesOnEachDatabase {
        @TempDir
        Path directory;

        @BeforeEach
        void open() throws SQLException {
            store = CeilingStore.open(url(), 0);
        }

        private String url() {
            return "jdbc:sqlite:" + directory.resolve("ceiling.db");
        }

        @Override
        Connection inspect() throws SQLException {
            return DriverManager.getConnection(url());
        }

        @Override
        String fullTextCount() {
            return "SELECT count(*) FROM ceiling_full_packets_fts WHERE ceiling_full_packets_fts MATCH '?'";
        }
    }

    @Nested
    class OnPostgres extends DurableWritesOnEachDatabase {
        private ScratchPostgres database;

        @BeforeEach
        void open() throws SQLException {
            database = ScratchPostgres.create("hr_bench_ceiling_");
            // a fixed pool of 2, as `bench --pool 2` gives it: the writes below need no more than one connection each
            store = CeilingStore.open(database.url(), 2);
        }

        @AfterEach
        void dropDatabase() throws SQLException {
            if (database == null) {
                return;
            }
            closeStore();
            store = null;
            database.drop();
        }

        @Override
        Connection inspect() throws SQLException {
            return DriverManager.getConnection(database.url());
        }

        @Override
        String fullTextCount() {
            return "SELECT count(*) FROM ceiling_full_packets WHERE search_vector @@ to_tsquery('english', '?')";
        }
    }
}
