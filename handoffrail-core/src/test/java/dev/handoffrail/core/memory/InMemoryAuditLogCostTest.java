package dev.handoffrail.core.memory;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditPage;
import dev.handoffrail.core.audit.AuditQuery;
import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.testing.AuditFixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What the in-memory audit log's reads and purges cost, told by how many entries they look at ({@link
 * InMemoryAuditLog#entriesVisited()}), not by a clock: with thousands of entries of another tenant, of other
 * packets and outside the time bounds, a packet's history, an audit page and a purge look only at their tenant's
 * (or packet's) entries within their bounds.
 */
class InMemoryAuditLogCostTest {
    private static final int CROWD = 5_000;

    private final InMemoryStores stores = InMemoryStores.create();
    private final InMemoryAuditLog audit = stores.audit();

    @Test
    void a_packets_history_looks_at_its_own_entries_only() {
        PacketId packet = PacketId.random();
        crowd(i -> AuditFixtures.historyOf(PacketId.random()).at(seconds(i)).build());
        crowd(i -> AuditFixtures.historyOf(packet).tenant(GLOBEX).at(seconds(i)).build());
        audit.append(List.of(AuditFixtures.historyOf(packet).at(seconds(2)).action("claimed").build(),
                AuditFixtures.historyOf(packet).at(seconds(1)).build()));

        Visited<List<AuditEntry>> history = visiting(() -> audit.history(ACME, packet));

        assertThat(history.result()).extracting(AuditEntry::action).containsExactly("created", "claimed");
        assertThat(history.visited()).isEqualTo(2);
    }

    @Test
    void an_audit_page_looks_at_its_tenants_entries_within_its_time_bounds() {
        crowd(i -> AuditFixtures.anEntry().tenant(GLOBEX).at(seconds(i)).build());
        crowd(i -> AuditFixtures.anEntry().at(seconds(10_000 + i)).build());
        audit.append(List.of(AuditFixtures.anEntry().at(seconds(100)).action("revoked").build(),
                AuditFixtures.anEntry().at(seconds(101)).build(),
                AuditFixtures.anEntry().at(seconds(102)).action("revoked").build()));

        Visited<AuditPage> page = visiting(() -> audit.query(ACME, new AuditQuery(null, null, "revoked", null,
                seconds(100), seconds(102), 1, 0)));

        assertThat(page.result().entries()).extracting(AuditEntry::timestamp).containsExactly(seconds(102));
        assertThat(page.result().total()).isEqualTo(2);
        assertThat(page.visited()).isEqualTo(3);
    }

    @Test
    void a_packet_filter_looks_at_that_packets_entries_only() {
        PacketId packet = PacketId.random();
        crowd(i -> AuditFixtures.historyOf(PacketId.random()).at(seconds(i)).build());
        audit.append(List.of(AuditFixtures.historyOf(packet).at(seconds(1)).build()));

        Visited<AuditPage> page = visiting(() -> audit.query(ACME, new AuditQuery(AuditResource.PACKET, null, null,
                packet, null, null, 50, 0)));

        assertThat(page.result().total()).isEqualTo(1);
        assertThat(page.visited()).isEqualTo(1);
    }

    @Test
    void a_purge_looks_at_its_tenants_entries_older_than_its_bound_only() {
        crowd(i -> AuditFixtures.anEntry().tenant(GLOBEX).at(seconds(i)).build());
        crowd(i -> AuditFixtures.anEntry().at(seconds(10_000 + i)).build());
        PacketId packet = PacketId.random();
        audit.append(List.of(AuditFixtures.anEntry().at(seconds(1)).build(),
                AuditFixtures.historyOf(packet).at(seconds(2)).build()));

        Visited<Integer> purged = visiting(() -> audit.purgeNonPacket(ACME, seconds(3)));

        assertThat(purged.result()).isEqualTo(1);
        assertThat(purged.visited()).isEqualTo(2);
        assertThat(audit.history(ACME, packet)).hasSize(1);
        assertThat(audit.query(GLOBEX, new AuditQuery(null, null, null, null, null, null, 1, 0)).total())
                .isEqualTo(CROWD);
    }

    @Test
    void removing_histories_with_their_packets_leaves_every_other_entry() {
        PacketId doomed = PacketId.random();
        PacketId kept = PacketId.random();
        audit.append(List.of(AuditFixtures.historyOf(doomed).at(seconds(1)).build(),
                AuditFixtures.historyOf(kept).at(seconds(1)).build(),
                AuditFixtures.historyOf(doomed).tenant(GLOBEX).at(seconds(1)).build()));

        stores.transactor().run(() -> audit.removeHistory(ACME, Set.of(doomed)));

        assertThat(audit.history(ACME, doomed)).isEmpty();
        assertThat(audit.history(ACME, kept)).hasSize(1);
        assertThat(audit.history(GLOBEX, doomed)).hasSize(1);
    }

    private void crowd(java.util.function.IntFunction<AuditEntry> entry) {
        List<AuditEntry> entries = new ArrayList<>(CROWD);
        for (int i = 0; i < CROWD; i++) {
            entries.add(entry.apply(i));
        }
        audit.append(entries);
    }


    private static Instant seconds(int n) {
        return T0.plusSeconds(n);
    }

    private <T> Visited<T> visiting(Supplier<T> read) {
        return Visited.by(audit::entriesVisited, read);
    }
}
