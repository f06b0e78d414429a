package dev.handoffrail.persistence.sql;

import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.out.PacketStore;
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
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Migration V8 on PostgreSQL: the counters of {@code tenant_agents} and {@code packet_counts} are striped by
 * database session, so concurrent sessions do not wait on each other's counter rows, and a packet's end still finds
 * the {@code tenant_agents} stripe it was created in. Packets are copied with plain SQL through chosen sessions.
 */
class PostgresCounterStripesTest {
    private static final TenantId STRIPED = new TenantId("striped");
    private static final TenantId TEMPLATES = new TenantId("templates");

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Test
    void each_session_counts_in_its_own_stripe_and_a_packets_end_finds_the_stripe_it_started_in()
            throws SQLException {
        PacketStore packets = DATABASE.persistence().packets();
        PacketId template = template(packets);
        short legacy;

        try (Connection first = session(3); Connection second = session(7); Connection third = session(11)) {
            copy(first, template, 4);
            copy(second, template, 6);
            legacy = copyAsBeforeV8(third, template);

            assertThat(packets.activeAgents(STRIPED, List.of("s", "t")))
                    .isEqualTo(new ActiveAgents(2, Map.of("s", 11L, "t", 11L)));
            Map<Short, Long> agentStripes = new HashMap<>(Map.of((short) 3, 4L, (short) 7, 6L));
            agentStripes.merge(legacy, 1L, Long::sum);
            assertThat(sumsByStripe("tenant_agents WHERE tenant_id = 'striped' AND agent_id = 's'",
                    "active_packets")).isEqualTo(agentStripes);
            assertThat(sumsByStripe("packet_counts WHERE tenant_id = 'striped'", "packets"))
                    .isEqualTo(Map.of((short) 3, 4L, (short) 7, 6L, (short) 11, 1L));

            try (Statement statement = third.createStatement()) {
                statement.execute("UPDATE packets SET status = 'completed' WHERE tenant_id = 'striped'");
            }
        }

        assertThat(packets.activeAgents(STRIPED, List.of("s", "t"))).isEqualTo(new ActiveAgents(0, Map.of()));
        assertThat(sumsByStripe("tenant_agents WHERE tenant_id = 'striped'", "active_packets")).isEmpty();
        assertThat(sumsByStripe("packet_counts WHERE tenant_id = 'striped' AND status = 'created'", "packets"))
                .isEqualTo(Map.of((short) 3, 4L, (short) 7, 6L, (short) 11, -10L));
        assertThat(packets.list(STRIPED, PacketQuery.all()).total()).isEqualTo(11);
        assertThat(packets.list(STRIPED, onlyCreated()).total()).isZero();
    }

    @Test
    void creates_of_one_tenant_in_two_sessions_never_wait_on_each_others_counters() throws SQLException {
        PacketStore packets = DATABASE.persistence().packets();
        PacketId template = template(packets);

        try (Connection holder = session(3); Connection other = session(4)) {
            holder.setAutoCommit(false);
            copy(holder, template, 1);
            try (Statement statement = other.createStatement()) {
                statement.execute("SET lock_timeout = '200ms'");
            }
            // with stripes by packet id, 64 creates would meet the holder's uncommitted rows in 63 runs of 64
            copy(other, template, 64);
            holder.commit();
        }

        assertThat(packets.activeAgents(STRIPED, List.of("s"))).isEqualTo(new ActiveAgents(2, Map.of("s", 65L)));
        assertThat(packets.list(STRIPED, onlyCreated()).total()).isEqualTo(65);
    }

    @Test
    void a_session_takes_a_stripe_the_first_time_it_counts_and_keeps_it() throws SQLException {
        try (Connection connection = DATABASE.persistence().dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("RESET handoffrail.counter_stripe");
            short stripe = stripeOf(statement);

            assertThat(stripe).isBetween((short) 0, (short) 15);
            assertThat(stripeOf(statement)).isEqualTo(stripe);
        }
    }

    private static PacketId template(PacketStore packets) {
        PacketId template = PacketId.random();
        packets.insert(aPacket().id(template).tenant(TEMPLATES).source("s").target("t").build());
        return template;
    }

    private static short stripeOf(Statement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery("SELECT session_counter_stripe()")) {
            result.next();
            return result.getShort(1);
        }
    }

    /** A pooled connection whose session counts in {@code stripe}. */
    private static Connection session(int stripe) throws SQLException {
        Connection connection = DATABASE.persistence().dataSource().getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT set_config('handoffrail.counter_stripe', '" + stripe + "', false)");
        }
        return connection;
    }

    /** {@code copies} new packets of tenant "striped", like {@code template}, created through {@code session}. */
    private static void copy(Connection session, PacketId template, int copies) throws SQLException {
        insertCopies(session, template, copies, false);
    }

    /** One packet as V7 stored it (no stored stripe: it counts in its id's stripe); returns that stripe. */
    private static short copyAsBeforeV8(Connection session, PacketId template) throws SQLException {
        insertCopies(session, template, 1, true);
        try (Statement statement = session.createStatement();
             ResultSet result = statement.executeQuery("SELECT packet_agent_stripe(id) FROM packets "
                     + "WHERE tenant_id = 'striped' AND counter_stripe IS NULL")) {
            result.next();
            return result.getShort(1);
        }
    }

    private static void insertCopies(Connection session, PacketId template, int copies, boolean withoutStripe)
            throws SQLException {
        String columns = "revision, status, source_agent_id, target_agent_id, priority_rank, hitl_required, "
                + "hitl_timeout_seconds, parent_id, chain_depth, created_at, updated_at, status_changed_at, "
                + "claimed_at, completed_at, body, search_text";
        try (PreparedStatement insert = session.prepareStatement("INSERT INTO packets (id, tenant_id, "
                + columns + (withoutStripe ? ", counter_stripe" : "") + ") SELECT gen_random_uuid(), 'striped', "
                + columns + (withoutStripe ? ", NULL" : "") + " FROM packets, generate_series(1, ?) WHERE id = ?")) {
            insert.setInt(1, copies);
            insert.setObject(2, template.value());
            assertThat(insert.executeUpdate()).isEqualTo(copies);
        }
    }

    /** Sums of {@code column} by stripe over {@code rows}; stripes summing to zero left out. */
    private static Map<Short, Long> sumsByStripe(String rows, String column) {
        return DATABASE.persistence().jdbi().withHandle(h -> h.createQuery(
                        "SELECT stripe, CAST(sum(" + column + ") AS BIGINT) FROM " + rows + " GROUP BY stripe")
                .map((rs, ctx) -> Map.entry(rs.getShort(1), rs.getLong(2)))
                .list().stream()
                .filter(entry -> entry.getValue() != 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private static PacketQuery onlyCreated() {
        return new PacketQuery(Set.of(PacketStatus.CREATED), null, null, Set.of(), null, null, null, null,
                PacketQuery.DEFAULT_LIMIT, 0, null, false);
    }
}
