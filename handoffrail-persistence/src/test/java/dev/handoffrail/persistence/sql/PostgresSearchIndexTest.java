package dev.handoffrail.persistence.sql;

import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.packet.SearchQuery;
import dev.handoffrail.core.port.out.PacketStore;
import dev.handoffrail.core.tenant.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On PostgreSQL a search reads the full-text index and never a tenant index: combined into the same bitmap scan, a
 * tenant index is read in full for the tenant, so a search for a rare word cost in proportion to the tenant's
 * packets. Nor does the full-text index hand over other tenants' matches: it holds a term per tenant that a search
 * asks for with its words (V11). Checked through the database's own index counters, for searches run more often
 * than the driver and the plan cache need to switch to a prepared, generic plan.
 */
class PostgresSearchIndexTest {
    private static final TenantId TENANT = new TenantId("acme");
    private static final TenantId OTHER = new TenantId("globex");

    @RegisterExtension
    static final TestDatabase DATABASE = TestDatabase.postgres();

    @Test
    void a_search_reads_the_full_text_index_and_no_tenant_index() throws InterruptedException {
        PacketStore packets = DATABASE.persistence().packets();
        for (int i = 0; i < 2_000; i++) {
            packets.insert(aPacket().tenant(OTHER).summary("Routine upgrade " + i).build());
        }
        packets.insert(aPacket().tenant(TENANT).summary("Zircon audit").build());
        for (int i = 0; i < 10; i++) {
            packets.insert(aPacket().tenant(TENANT).summary("Routine upgrade " + i).build());
        }
        // statistics taken while the tenant was small, as between two analyses of a growing table: they make the
        // tenant's index entries look few
        DATABASE.persistence().jdbi().useHandle(h -> h.execute("ANALYZE packets"));
        for (int i = 0; i < 2_000; i++) {
            packets.insert(aPacket().tenant(TENANT).summary("Routine upgrade " + i).build());
        }
        Map<String, Long> before = indexScans();

        for (int i = 0; i < 12; i++) {
            assertThat(packets.search(TENANT, new SearchQuery(List.of("zircon"), Set.of(), null, 20, 0)).total())
                    .isEqualTo(1);
        }

        // two statements a search (its total, its page), each one scan of the full-text index
        Map<String, Long> after = awaitScans("packets_search", before.get("packets_search") + 24);
        assertThat(after.get("packets_search")).isEqualTo(before.get("packets_search") + 24);
        for (String tenantIndex : List.of("packets_status", "packets_list", "packets_terminal")) {
            assertThat(after.get(tenantIndex)).as(tenantIndex).isEqualTo(before.get(tenantIndex));
        }
    }

    @Test
    void a_search_reads_no_other_tenants_entries_of_the_full_text_index() throws InterruptedException {
        // tenants of their own: the other test's deleted packets stay in the index until a vacuum
        TenantId small = new TenantId("initech");
        TenantId large = new TenantId("umbrella");
        PacketStore packets = DATABASE.persistence().packets();
        for (int i = 0; i < 500; i++) {
            packets.insert(aPacket().tenant(large).summary("Routine upgrade " + i).build());
        }
        for (int i = 0; i < 3; i++) {
            packets.insert(aPacket().tenant(small).summary("Routine upgrade " + i).build());
        }
        Map<String, Long> scansBefore = indexScans();
        long readBefore = entriesRead();

        assertThat(packets.search(small, new SearchQuery(List.of("upgrade"), Set.of(), null, 20, 0)).total())
                .isEqualTo(3);

        // its total and its page: each one scan of the full-text index, which hands over the tenant's 3 matches
        awaitScans("packets_search", scansBefore.get("packets_search") + 2);
        assertThat(entriesRead() - readBefore).isEqualTo(6);
    }

    /**
     * The counters once {@code index}'s has reached {@code expected}: sessions report their counts within about a
     * second, an index's with the other indexes' of the same transactions.
     */
    private static Map<String, Long> awaitScans(String index, long expected) throws InterruptedException {
        Map<String, Long> now = indexScans();
        for (int attempt = 0; attempt < 50 && now.get(index) < expected; attempt++) {
            Thread.sleep(200);
            now = indexScans();
        }
        return now;
    }

    /** The row references the full-text index has handed to scans of it so far. */
    private static long entriesRead() {
        return DATABASE.persistence().jdbi().withHandle(h -> {
            h.execute("SELECT pg_stat_clear_snapshot()");
            return h.createQuery("SELECT idx_tup_read FROM pg_stat_user_indexes WHERE indexrelname = 'packets_search'")
                    .mapTo(Long.class).one();
        });
    }

    private static Map<String, Long> indexScans() {
        return DATABASE.persistence().jdbi().withHandle(h -> {
            h.execute("SELECT pg_stat_clear_snapshot()");
            return h.createQuery("SELECT indexrelname, idx_scan FROM pg_stat_user_indexes WHERE relname = 'packets'")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .list().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        });
    }
}
