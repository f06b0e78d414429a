package dev.handoffrail.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable writes of the ceiling against real SQLite (a temporary file) and real PostgreSQL (127.0.0.1:5432). */
class CeilingStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant CREATED_AT = Instant.parse("2026-05-30T19:35:00.123456Z");

    /** A bench body as the server prepares it: parsed, with its id, and rendered. */
    static DurablePacket packet(long n) throws Exception {
        ObjectNode document = (ObjectNode) JSON.readTree(PacketBodies.packet(n, "sales-01", "billing-01"));
        UUID id = UUID.randomUUID();
        document.put("id", id.toString());
        return DurablePacket.of(id, CREATED_AT, document, JSON.writeValueAsString(document));
    }

    /** What every database must show after durable creates. */
    abstract static class DurableCreates {
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
    class OnSqlite extends DurableCreates {
        @TempDir
        Path directory;

        @BeforeEach
        void open() throws SQLException {
            store = CeilingStore.open(url());
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
    class OnPostgres extends DurableCreates {
        private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
        private static final String ADMIN = SERVER + "test?user=postgres&connectTimeout=3";
        private String database;

        @BeforeEach
        void open() throws SQLException {
            database = "hr_bench_ceiling_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection admin = DriverManager.getConnection(ADMIN);
                 Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
            } catch (SQLException unreachable) {
                database = null;
                if ("true".equals(System.getenv("CI"))) {
                    throw new IllegalStateException("PostgreSQL not reachable at 127.0.0.1:5432 and CI=true",
                            unreachable);
                }
                Assumptions.abort("PostgreSQL not reachable at 127.0.0.1:5432 — skipping (set CI=true to make"
                        + " this a failure)");
            }
            store = CeilingStore.open(url());
        }

        @AfterEach
        void dropDatabase() throws SQLException {
            if (database == null) {
                return;
            }
            closeStore();
            store = null;
            try (Connection admin = DriverManager.getConnection(ADMIN);
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }

        private String url() {
            return SERVER + database + "?user=postgres";
        }

        @Override
        Connection inspect() throws SQLException {
            return DriverManager.getConnection(url());
        }

        @Override
        String fullTextCount() {
            return "SELECT count(*) FROM ceiling_full_packets WHERE search_vector @@ to_tsquery('english', '?')";
        }
    }
}
