package dev.handoffrail.persistence.sql;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.out.PacketStore;
import dev.handoffrail.core.tenant.ActiveAgents;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Migrations V2 (and V3 on PostgreSQL) on a database holding packets: {@code tenant_agents} starts equal to a count of
 * its packets.
 */
abstract class TenantAgentsMigrationScenarios {
    /** The class's database, left unmigrated. */
    abstract TestDatabase database();

    @Test
    void migrating_a_database_with_packets_counts_their_active_agents() {
        SqlPersistence persistence = database().persistence();
        Flyway.configure().dataSource(persistence.dataSource()).locations(persistence.dialect().flywayLocation())
                .target("1").load().migrate();
        PacketStore packets = persistence.packets();
        packets.insert(aPacket().source("a").target("b").build());
        packets.insert(aPacket().source("a").claimedBy("c").build());
        packets.insert(aPacket().source("d").target("d").awaitingHuman(null).build());
        packets.insert(aPacket().source("e").target("f").status(PacketStatus.COMPLETED).build());
        packets.insert(aPacket().tenant(GLOBEX).source("a").target("x").build());

        // PostgreSQL also applies V3, which stripes the counts, V7 (a cheaper insert trigger), V8 (stripes by
        // session) and V10 (leaner update triggers), SQLite V9 (full-text entries rewritten only when the text
        // changes); both apply V4 (webhook secret rotation), V5 (claim leases), V6 (packet counts) and V11 (search by
        // tenant)
        int applied = persistence.dialect() == SqlDialect.POSTGRESQL ? 9 : 6;
        assertThat(Migrations.migrate(persistence.dataSource(), persistence.dialect())).isEqualTo(applied);

        List<String> everyone = List.of("a", "b", "c", "d", "e", "f", "x");
        assertThat(packets.activeAgents(ACME, everyone))
                .isEqualTo(new ActiveAgents(4, Map.of("a", 2L, "b", 1L, "c", 1L, "d", 1L)));
        assertThat(packets.activeAgents(GLOBEX, everyone)).isEqualTo(new ActiveAgents(2, Map.of("a", 1L, "x", 1L)));
    }
}
