package dev.handoffrail.core.memory;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static dev.handoffrail.core.testing.PacketQueries.aQuery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Lease;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketPage;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.SearchQuery;
import dev.handoffrail.core.testing.PacketFixtures;
import dev.handoffrail.core.testing.TenantFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the in-memory store's reads cost, told by how many packets they look at ({@link
 * InMemoryPacketStore#packetsVisited()}), not by a clock: with thousands of packets stored that a read must not
 * return (another tenant's, another agent's, not yet due), a list page, claim-next, the sweeper's reads and the
 * purge still look at the few packets they return (plus the one that ends the walk).
 */
class InMemoryPacketStoreCostTest {
    private static final int CROWD = 5_000;

    private final InMemoryStores stores = InMemoryStores.create();
    private final InMemoryPacketStore packets = stores.packets();

    @BeforeEach
    void givenTenants() {
        stores.tenants().insert(TenantFixtures.aTenant().id(ACME).build());
        stores.tenants().insert(TenantFixtures.aTenant().id(GLOBEX).build());
    }

    @Test
    void a_list_page_looks_at_its_own_packets_only_however_many_another_tenant_stores() {
        storeMany(CROWD, i -> aPacket().tenant(GLOBEX).createdAt(seconds(i)));
        List<Packet> acme = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            acme.add(stored(aPacket().createdAt(seconds(i)).status(i < 8 ? PacketStatus.CREATED
                    : PacketStatus.COMPLETED)));
        }

        Visited<PacketPage> first = visiting(() -> packets.list(ACME, aQuery().limit(3).build()));
        Visited<PacketPage> second = visiting(() -> packets.list(ACME,
                aQuery().limit(3).cursor(first.result().nextCursor()).build()));
        Visited<PacketPage> oldestCreated = visiting(() -> packets.list(ACME,
                aQuery().statuses(PacketStatus.CREATED).oldestFirst().limit(2).build()));

        assertThat(first.result().packets()).containsExactly(acme.get(9), acme.get(8), acme.get(7));
        assertThat(first.result().total()).isEqualTo(10);
        assertThat(first.visited()).isEqualTo(4);
        assertThat(second.result().packets()).containsExactly(acme.get(6), acme.get(5), acme.get(4));
        assertThat(second.visited()).isEqualTo(4);
        assertThat(oldestCreated.result().packets()).containsExactly(acme.get(0), acme.get(1));
        assertThat(oldestCreated.result().total()).isEqualTo(8);
        assertThat(oldestCreated.visited()).isEqualTo(3);
        assertThat(packets.list(GLOBEX, PacketQuery.all()).total()).isEqualTo(CROWD);
    }

    @Test
    void a_list_filtered_by_creation_time_looks_at_that_window_only() {
        storeMany(CROWD, i -> aPacket().createdAt(seconds(i)));

        Visited<PacketPage> window = visiting(() -> packets.list(ACME,
                aQuery().createdAfter(seconds(100)).createdBefore(seconds(104)).build()));

        assertThat(window.result().packets()).extracting(Packet::createdAt)
                .containsExactly(seconds(104), seconds(103), seconds(102), seconds(101), seconds(100));
        assertThat(window.result().total()).isEqualTo(5);
        assertThat(window.visited()).isEqualTo(10);
    }

    @Test
    void claim_next_looks_at_one_packet_however_many_other_tenants_and_agents_queue() {
        storeMany(CROWD, i -> aPacket().tenant(GLOBEX).createdAt(seconds(i)));
        storeMany(CROWD, i -> aPacket().target("billing-01").createdAt(seconds(i)));
        Packet forOther = stored(aPacket().target("billing-02").createdAt(seconds(CROWD)));

        Visited<Optional<Packet>> any = visiting(() -> nextClaimable(null, Set.of()));
        Visited<Optional<Packet>> forAgent = visiting(() -> nextClaimable("billing-02", Set.of()));

        assertThat(any.result()).map(Packet::createdAt).contains(seconds(0));
        assertThat(any.visited()).isEqualTo(1);
        assertThat(forAgent.result()).contains(forOther);
        assertThat(forAgent.visited()).isEqualTo(1);
    }

    @Test
    void claim_next_with_tags_walks_the_queue_in_claim_order_until_a_match() {
        storeMany(CROWD, i -> aPacket().createdAt(seconds(i + 3)));
        stored(aPacket().createdAt(seconds(0)));
        stored(aPacket().createdAt(seconds(1)).tags("eu"));
        Packet vip = stored(aPacket().createdAt(seconds(2)).tags("eu", "vip"));

        Visited<Optional<Packet>> tagged = visiting(() -> nextClaimable(null, Set.of("vip")));

        assertThat(tagged.result()).contains(vip);
        assertThat(tagged.visited()).isEqualTo(3);
    }

    @Test
    void the_sweepers_reads_look_at_what_is_due_only() {
        Instant now = T0.plus(Duration.ofDays(1));
        Instant ttlCutoff = now.minus(Duration.ofHours(12));
        storeMany(CROWD, i -> aPacket().tenant(i % 2 == 0 ? ACME : GLOBEX).statusChangedAt(now.minusSeconds(i)));
        storeMany(CROWD, i -> aPacket().awaitingHuman(1_000 + i).statusChangedAt(now.minusSeconds(10)));
        Packet ttlDue = stored(aPacket().tenant(GLOBEX).statusChangedAt(ttlCutoff.minusSeconds(2)));
        Packet ttlDueLater = stored(aPacket().statusChangedAt(ttlCutoff.minusSeconds(1)));
        Packet checkpointDue = stored(aPacket().awaitingHuman(60).statusChangedAt(now.minusSeconds(60)));
        List<Packet> leased = new ArrayList<>();
        for (int i = 0; i < CROWD + 2; i++) {
            Packet queued = stored(aPacket().tenant(i % 2 == 0 ? ACME : GLOBEX).createdAt(now));
            Packet held = queued.leasedTo(AgentInfo.of("worker", "Worker"), Lease.hash("token-" + i),
                    Duration.ofSeconds(i < 2 ? 5 : 3_600), now.minusSeconds(10));
            packets.update(held, PacketStatus.CREATED);
            leased.add(held);
        }

        Visited<List<Packet>> expirable = visiting(() -> packets.findExpirable(ttlCutoff, now, 100));
        Visited<List<Packet>> leaseExpired = visiting(() -> packets.findLeaseExpired(now, 100));

        assertThat(expirable.result()).containsExactly(ttlDue, ttlDueLater, checkpointDue);
        // the three due, the first packet the TTL does not reach yet
        assertThat(expirable.visited()).isEqualTo(4);
        assertThat(leaseExpired.result()).containsExactlyInAnyOrder(leased.get(0), leased.get(1));
        assertThat(leaseExpired.visited()).isEqualTo(2);
    }

    @Test
    void the_purge_looks_at_the_tenants_old_terminal_packets_only() {
        Instant horizon = T0.plus(Duration.ofDays(30));
        storeMany(CROWD, i -> aPacket().tenant(GLOBEX).status(PacketStatus.COMPLETED).updatedAt(T0));
        storeMany(CROWD, i -> aPacket().status(PacketStatus.FAILED).updatedAt(horizon.plusSeconds(i)));
        storeMany(CROWD, i -> aPacket().updatedAt(T0));
        storeMany(2, i -> aPacket().status(PacketStatus.EXPIRED).updatedAt(T0));

        Visited<Integer> purged = visiting(() -> packets.purgeTerminal(ACME, horizon));

        assertThat(purged.result()).isEqualTo(2);
        assertThat(purged.visited()).isEqualTo(2);
        assertThat(packets.list(GLOBEX, PacketQuery.all()).total()).isEqualTo(CROWD);
        assertThat(packets.list(ACME, PacketQuery.all()).total()).isEqualTo(2L * CROWD);
    }

    @Test
    void search_ranks_the_tenants_packets_only() {
        storeMany(CROWD, i -> aPacket().tenant(GLOBEX).summary("refund " + i));
        Packet refund = stored(aPacket().summary("Refund requested"));
        stored(aPacket().summary("Upgrade requested"));

        Visited<PacketPage> found = visiting(() -> packets.search(ACME,
                new SearchQuery(List.of("refund"), Set.of(), null, 50, 0)));

        assertThat(found.result().packets()).containsExactly(refund);
        assertThat(found.visited()).isEqualTo(2);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /** What a read returned and how many packets it looked at. */


    private interface Numbered {
        PacketFixtures.Builder packet(int i);
    }

    private void storeMany(int count, Numbered packet) {
        for (int i = 0; i < count; i++) {
            packets.insert(packet.packet(i).build());
        }
    }

    private Packet stored(PacketFixtures.Builder packet) {
        Packet built = packet.build();
        packets.insert(built);
        return built;
    }

    private Optional<Packet> nextClaimable(String targetAgent, Set<String> tags) {
        return stores.transactor().inTransaction(() -> packets.lockNextClaimable(ACME, targetAgent, tags));
    }

    private static Instant seconds(long n) {
        return T0.plusSeconds(n);
    }

    private <T> Visited<T> visiting(Supplier<T> read) {
        return Visited.by(packets::packetsVisited, read);
    }
}
