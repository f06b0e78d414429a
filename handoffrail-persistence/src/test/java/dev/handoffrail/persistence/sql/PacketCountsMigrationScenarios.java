package dev.handoffrail.persistence.sql;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.port.out.PacketStore;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Migration V6 on a database holding packets: {@code packet_counts} starts equal to a count of its packets. */
abstract class PacketCountsMigrationScenarios {
    /** The class's database, left unmigrated. */
    abstract TestDatabase database();

    @Test
    void migrating_a_database_with_packets_counts_them_for_the_list_totals() {
        SqlPersistence persistence = database().persistence();
        Flyway.configure().dataSource(persistence.dataSource()).locations(persistence.dialect().flywayLocation())
                .target("5").load().migrate();
        PacketStore packets = persistence.packets();
        packets.insert(aPacket().priority(Priority.HIGH).build());
        packets.insert(aPacket().priority(Priority.HIGH).claimedBy("c").build());
        packets.insert(aPacket().awaitingHuman(null).build());
        packets.insert(aPacket().status(PacketStatus.COMPLETED).build());
        packets.insert(aPacket().tenant(GLOBEX).build());

        // PostgreSQL also applies V7 (a cheaper tenant_agents insert trigger), V8 (stripes by session) and V10
        // (leaner update triggers), SQLite V9 (full-text entries rewritten only when the text changes), both V11
        // (search by tenant)
        assertThat(Migrations.migrate(persistence.dataSource(), persistence.dialect()))
                .isEqualTo(persistence.dialect() == SqlDialect.POSTGRESQL ? 5 : 3);
        packets.insert(aPacket().priority(Priority.HIGH).build());

        assertThat(packets.list(ACME, PacketQuery.all()).total()).isEqualTo(5);
        assertThat(packets.list(ACME, query(Set.of(), Priority.HIGH, null)).total()).isEqualTo(3);
        assertThat(packets.list(ACME, query(Set.of(PacketStatus.CREATED, PacketStatus.CLAIMED), Priority.HIGH,
                null)).total()).isEqualTo(3);
        assertThat(packets.list(ACME, query(Set.of(), null, true)).total()).isEqualTo(1);
        assertThat(packets.list(ACME, query(Set.of(PacketStatus.COMPLETED), null, false)).total()).isEqualTo(1);
        assertThat(packets.list(GLOBEX, PacketQuery.all()).total()).isEqualTo(1);
    }

    private static PacketQuery query(Set<PacketStatus> statuses, Priority priority, Boolean hitlRequired) {
        return new PacketQuery(statuses, null, null, Set.of(), priority, hitlRequired, null, null,
                PacketQuery.DEFAULT_LIMIT, 0, null, false);
    }
}
