package dev.handoffrail.persistence.sql;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.PacketFixtures.aFullPacket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.SearchQuery;
import dev.handoffrail.core.schema.SchemaId;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteBackupTest {
    @TempDir
    Path directory;

    @Test
    void a_backup_taken_while_the_database_is_open_holds_every_packet_and_its_search_index() throws Exception {
        DatabaseUrl live = DatabaseUrl.sqlite(directory.resolve("live.db"));
        Packet packet = aFullPacket(PacketId.random(), SchemaId.random()).build();
        Path copy = directory.resolve("copy.db");
        try (SqlPersistence db = SqlPersistence.open(live, new PoolSettings(1, 1), true)) {
            db.packets().insert(packet);

            SqliteBackup.of(live).backupTo(copy);
        }

        try (SqlPersistence restored = SqlPersistence.open(DatabaseUrl.sqlite(copy), new PoolSettings(1, 0), true)) {
            assertThat(restored.packets().find(ACME, packet.id())).contains(packet);
            assertThat(restored.packets().search(ACME, new SearchQuery(List.of("billing"), Set.of(), null, 10, 0))
                    .packets()).containsExactly(packet);
        }
    }

    @Test
    void an_existing_target_is_never_overwritten() throws Exception {
        DatabaseUrl live = DatabaseUrl.sqlite(directory.resolve("live.db"));
        SqlPersistence.open(live, new PoolSettings(1, 0), true).close();
        Path existing = Files.writeString(directory.resolve("existing.db"), "keep me");

        assertThatThrownBy(() -> SqliteBackup.of(live).backupTo(existing))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readString(existing)).isEqualTo("keep me");
    }

    @Test
    void a_missing_database_is_reported_instead_of_backing_up_an_empty_one() {
        DatabaseUrl missing = DatabaseUrl.sqlite(directory.resolve("missing.db"));

        assertThatThrownBy(() -> SqliteBackup.of(missing).backupTo(directory.resolve("copy.db")))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageStartingWith("no SQLite database at");
        assertThat(directory.resolve("copy.db")).doesNotExist();
        assertThat(directory.resolve("missing.db")).doesNotExist();
    }

    @Test
    void postgresql_urls_are_refused_with_a_pointer_to_pg_dump() {
        assertThatThrownBy(() -> SqliteBackup.of(DatabaseUrl.parse("postgresql://u:secret@h/db")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backup needs a SQLite database; for PostgreSQL use pg_dump "
                        + "(got postgresql://u:***@h/db)");
    }
}
