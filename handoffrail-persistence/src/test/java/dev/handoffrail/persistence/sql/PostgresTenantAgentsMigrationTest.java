package dev.handoffrail.persistence.sql;

import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.port.out.PacketStore;
import dev.handoffrail.core.tenant.ActiveAgents;
import dev.handoffrail.core.tenant.TenantId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTenantAgentsMigrationTest extends TenantAgentsMigrationScenarios {
    private static final TenantId STRIPED = new TenantId("striped");

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres().unmigrated();

    @Override
    TestDatabase database() {
        return DATABASE;
    }

    @Test
    void an_agents_packets_spread_over_stripes_that_sum_to_its_count_and_vanish_when_they_end() {
        SqlPersistence persistence = DATABASE.persistence();
        Migrations.migrate(persistence.dataSource(), persistence.dialect());
        PacketStore packets = persistence.packets();
        for (int i = 0; i < 40; i++) {
            packets.insert(aPacket().tenant(STRIPED).source("s").target("t").build());
        }

        assertThat(packets.activeAgents(STRIPED, List.of("s", "t")))
                .isEqualTo(new ActiveAgents(2, Map.of("s", 40L, "t", 40L)));
        assertThat(rows("s")).isGreaterThan(1).isLessThanOrEqualTo(16);

        persistence.jdbi().useHandle(h ->
                h.execute("UPDATE packets SET status = 'completed' WHERE tenant_id = 'striped'"));

        assertThat(packets.activeAgents(STRIPED, List.of("s", "t"))).isEqualTo(new ActiveAgents(0, Map.of()));
        assertThat(rows("s")).isZero();
    }

    private static long rows(String agentId) {
        return DATABASE.persistence().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM tenant_agents WHERE agent_id = :agent").bind("agent", agentId)
                .mapTo(Long.class).one());
    }
}
