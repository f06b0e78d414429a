package dev.handoffrail.persistence.sql;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.port.out.PacketStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Migration V11 on a database holding packets: their words are found again, each in its own tenant only. */
abstract class SearchByTenantMigrationScenarios {
    /** The class's database, left unmigrated. */
    abstract TestDatabase database();

    @Test
    void migrating_a_database_with_packets_indexes_them_by_tenant() {
        SqlPersistence persistence = database().persistence();
        Flyway.configure().dataSource(persistence.dataSource()).locations(persistence.dialect().flywayLocation())
                .target(persistence.dialect() == SqlDialect.POSTGRESQL ? "10" : "9").load().migrate();
        PacketStore packets = persistence.packets();
        Packet first = aPacket().tenant(ACME).summary("Routine upgrade").build();
        packets.insert(first);
        packets.insert(aPacket().tenant(ACME).summary("Zircon audit").build());
        packets.insert(aPacket().tenant(GLOBEX).summary("Urgent upgrade").build());
        packets.insert(aPacket().tenant(GLOBEX).summary("Another upgrade").build());

        assertThat(Migrations.migrate(persistence.dataSource(), persistence.dialect())).isEqualTo(1);
        Packet later = aPacket().tenant(ACME).summary("Later upgrade").createdAt(first.createdAt().plusSeconds(1))
                .build();
        packets.insert(later);

        assertThat(packets.search(ACME, SearchByTenantScenarios.search("upgrade")).packets())
                .containsExactly(later, first);
        assertThat(packets.search(ACME, SearchByTenantScenarios.search("zircon")).total()).isEqualTo(1);
        assertThat(packets.search(GLOBEX, SearchByTenantScenarios.search("upgrade")).total()).isEqualTo(2);
        assertThat(packets.search(GLOBEX, SearchByTenantScenarios.search("zircon")).total()).isZero();
    }
}
