package dev.handoffrail.persistence.sql;

import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.tenant.ActiveAgents;
import dev.handoffrail.core.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Migration V10 on PostgreSQL: an update of a packet runs only the trigger functions its change needs. Each case
 * changes a stored packet the way the product's update statement does (every column set, the search text set to
 * itself when it did not change) in a transaction that reads {@code pg_stat_xact_user_functions} before and after,
 * which counts the PL/pgSQL calls not yet reported ({@code track_functions = 'pl'}), and is then rolled back.
 */
class PostgresUpdateTriggersTest {
    private static final TenantId ACME = new TenantId("acme");

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Test
    void inserting_a_packet_computes_its_search_vector_and_counts_it() throws SQLException {
        inRolledBackTransaction(connection -> {
            Map<String, Long> before = calls(connection);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO packets (id, tenant_id, "
                    + "revision, status, source_agent_id, target_agent_id, priority_rank, hitl_required, chain_depth, "
                    + "created_at, updated_at, status_changed_at, body, search_text) VALUES (gen_random_uuid(), "
                    + "'acme', 1, 'created', 's', 't', 2, false, 0, 1, 1, 1, '{}', 'Zircon upgrades')")) {
                insert.executeUpdate();
            }

            assertThat(callsSince(connection, before)).isEqualTo(Map.of("packets_search_vector", 1L,
                    "packets_track_active_agents_insert", 1L, "packets_track_counts", 1L));
            assertThat(vectorMatchesText(connection, "tenant_id = 'acme'")).isTrue();
        });
    }

    @Test
    void a_claim_by_the_target_agent_only_moves_the_packet_between_status_counts() throws SQLException {
        PacketId packet = stored("s", "t");
        inRolledBackTransaction(connection -> {
            Map<String, Long> before = calls(connection);
            update(connection, packet, "claimed", "t", null);

            assertThat(callsSince(connection, before)).isEqualTo(Map.of("packets_track_counts_update", 1L));
            assertThat(activeAgents(connection)).isEqualTo(Map.of("s", 1L, "t", 1L));
        });
    }

    @Test
    void a_claim_by_another_agent_moves_the_packet_from_the_old_target_to_the_claimant() throws SQLException {
        PacketId packet = stored("s", "t");
        inRolledBackTransaction(connection -> {
            Map<String, Long> before = calls(connection);
            update(connection, packet, "claimed", "c", null);

            assertThat(callsSince(connection, before)).isEqualTo(Map.of("packets_track_target_agents", 1L,
                    "packets_track_counts_update", 1L));
            assertThat(activeAgents(connection)).isEqualTo(Map.of("s", 1L, "c", 1L));
        });
    }

    @Test
    void a_claim_by_the_source_agent_keeps_the_source_counted_once() throws SQLException {
        PacketId packet = stored("s", "t");
        inRolledBackTransaction(connection -> {
            Map<String, Long> before = calls(connection);
            update(connection, packet, "claimed", "s", null);

            assertThat(activeAgents(connection)).isEqualTo(Map.of("s", 1L));
        });
    }

    @Test
    void completing_a_packet_ends_it_for_both_agents() throws SQLException {
        PacketId packet = stored("s", "t");
        inRolledBackTransaction(connection -> {
            Map<String, Long> before = calls(connection);
            update(connection, packet, "completed", "t", null);

            assertThat(callsSince(connection, before)).isEqualTo(Map.of("packets_track_target_agents", 1L,
                    "packets_track_counts_update", 1L));
            assertThat(activeAgents(connection)).isEmpty();
        });
    }

    @Test
    void an_update_of_the_text_alone_computes_the_search_vector_and_counts_nothing() throws SQLException {
        PacketId packet = stored("s", "t");
        inRolledBackTransaction(connection -> {
            Map<String, Long> before = calls(connection);
            update(connection, packet, "created", "t", "Quartz renewals");

            assertThat(callsSince(connection, before)).isEqualTo(Map.of("packets_search_vector", 1L));
            assertThat(vectorMatchesText(connection, "id = '" + packet.value() + "'")).isTrue();
            assertThat(matches(connection, "quartz")).isEqualTo(1);
        });
    }

    @Test
    void a_change_of_the_source_agent_is_counted_by_the_general_trigger() throws SQLException {
        PacketId packet = stored("s", "t");
        inRolledBackTransaction(connection -> {
            Map<String, Long> before = calls(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute("UPDATE packets SET source_agent_id = 'r' WHERE id = '" + packet.value() + "'");
            }

            assertThat(callsSince(connection, before)).isEqualTo(Map.of("packets_track_active_agents", 1L));
            assertThat(activeAgents(connection)).isEqualTo(Map.of("r", 1L, "t", 1L));
        });
        assertThat(DATABASE.persistence().packets().activeAgents(ACME, List.of("r", "s", "t")))
                .isEqualTo(new ActiveAgents(2, Map.of("s", 1L, "t", 1L)));
    }

    private static PacketId stored(String source, String target) {
        PacketId id = PacketId.random();
        DATABASE.persistence().packets().insert(aPacket().id(id).tenant(ACME).source(source).target(target).build());
        return id;
    }

    /** Runs {@code check} in a transaction that counts its PL/pgSQL calls, then rolls the transaction back. */
    private static void inRolledBackTransaction(Check check) throws SQLException {
        try (Connection connection = DATABASE.persistence().dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL track_functions = 'pl'");
                check.run(connection);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    private interface Check {
        void run(Connection connection) throws SQLException;
    }

    /**
     * The product's update of a packet: every column set, the search text to {@code newText} or, when it is null,
     * to the stored text again.
     */
    private static void update(Connection connection, PacketId packet, String status, String target, String newText)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE packets SET revision = revision + 1, "
                + "status = ?, target_agent_id = ?, priority_rank = priority_rank, hitl_required = hitl_required, "
                + "hitl_timeout_seconds = hitl_timeout_seconds, updated_at = updated_at + 1, "
                + "status_changed_at = status_changed_at + 1, claimed_at = claimed_at, completed_at = completed_at, "
                + "lease_expires_at = lease_expires_at, body = body, search_text = coalesce(?, "
                + "(SELECT search_text FROM packets WHERE id = ?)) WHERE id = ?")) {
            update.setString(1, status);
            update.setString(2, target);
            update.setString(3, newText);
            update.setObject(4, packet.value());
            update.setObject(5, packet.value());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    /** Calls of the packet trigger functions since {@code before} was read, by function name; none left out. */
    private static Map<String, Long> callsSince(Connection connection, Map<String, Long> before)
            throws SQLException {
        Map<String, Long> since = new HashMap<>();
        calls(connection).forEach((function, calls) -> {
            long added = calls - before.getOrDefault(function, 0L);
            if (added != 0) {
                since.put(function, added);
            }
        });
        return since;
    }

    /**
     * Calls of the packet trigger functions not yet reported to the statistics collector, by function name: those
     * of the transaction so far, plus any left over from the pooled session's earlier transactions.
     */
    private static Map<String, Long> calls(Connection connection) throws SQLException {
        return longsByName(connection, "SELECT funcname, calls FROM pg_stat_xact_user_functions "
                + "WHERE funcname LIKE 'packets\\_%'");
    }

    /** Active packets per agent of tenant acme as tenant_agents holds them, in the transaction. */
    private static Map<String, Long> activeAgents(Connection connection) throws SQLException {
        return longsByName(connection, "SELECT agent_id, sum(active_packets) FROM tenant_agents "
                + "WHERE tenant_id = 'acme' GROUP BY agent_id");
    }

    /** The rows of {@code query}, a name and a number each, as a map. */
    private static Map<String, Long> longsByName(Connection connection, String query) throws SQLException {
        Map<String, Long> values = new HashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                values.put(result.getString(1), result.getLong(2));
            }
        }
        return values;
    }

    private static boolean vectorMatchesText(Connection connection, String where) throws SQLException {
        try (Statement statement = connection.createStatement();
             // the words and, since V11, the tenant's term
             ResultSet result = statement.executeQuery("SELECT bool_and(search_vector = to_tsvector('english', "
                     + "search_text) || packet_search_tenant_term(tenant_id)) FROM packets WHERE " + where)) {
            result.next();
            return result.getBoolean(1);
        }
    }

    private static int matches(Connection connection, String word) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM packets WHERE search_vector @@ "
                     + "to_tsquery('english', '" + word + "')")) {
            result.next();
            return result.getInt(1);
        }
    }
}
