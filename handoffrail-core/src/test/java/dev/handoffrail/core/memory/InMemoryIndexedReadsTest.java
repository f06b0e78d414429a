package dev.handoffrail.core.memory;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.HitlCheckpoint;
import dev.handoffrail.core.packet.Lease;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketCursor;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketPage;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.packet.SearchQuery;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.testing.PacketFixtures;
import dev.handoffrail.core.testing.TenantFixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-memory store's indexed reads return exactly what its former full scans returned (filter every stored
 * packet, sort, cut), through random inserts, updates, purges and rolled-back transactions: the scans below are
 * that former code, run over the store's packets by id, which rollback restores on its own. Seeded, so a failure
 * repeats; creation times, lease expiries and status changes share few values, so ties are common and break on
 * ids (random, half of them with the sign bit set, where {@link UUID} order and text order differ).
 */
class InMemoryIndexedReadsTest {
    private static final TenantId INITECH = new TenantId("initech");
    private static final List<TenantId> TENANTS = List.of(ACME, GLOBEX, INITECH);
    private static final List<String> AGENTS = List.of("support-01", "billing-01", "billing-02", "human-desk");
    private static final List<String> TAGS = List.of("billing", "urgent", "eu");
    private static final List<String> SUMMARIES = List.of("Refund requested", "Upgrade the plan", "Refund the upgrade");
    private static final List<Integer> TIMEOUTS = List.of(60, 600, 3_600, 7_200);
    private static final Comparator<Packet> OLDEST_FIRST = Comparator.comparing(Packet::createdAt)
            .thenComparing(p -> p.id().toString());
    private static final Comparator<Packet> NEXT_CLAIMABLE = Comparator
            .comparingInt((Packet p) -> -p.priority().rank())
            .thenComparing(OLDEST_FIRST);
    private static final Comparator<Packet> EXPIRY_ORDER = Comparator.comparing(Packet::statusChangedAt)
            .thenComparing(p -> p.id().toString());

    private final InMemoryStores stores = InMemoryStores.create();
    private final InMemoryPacketStore packets = stores.packets();
    private final List<PacketId> ids = new ArrayList<>();
    private Random random;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void indexed_reads_return_what_full_scans_return_through_changes_purges_and_rollbacks(long seed) {
        random = new Random(seed);
        TENANTS.forEach(t -> stores.tenants().insert(TenantFixtures.aTenant().id(t).build()));
        for (int step = 0; step < 600; step++) {
            int dice = random.nextInt(100);
            if (dice < 45) {
                insert();
            } else if (dice < 75) {
                update();
            } else if (dice < 78) {
                purge();
            } else if (dice < 88) {
                rolledBack();
            } else {
                compareReads();
            }
        }
        compareReads();
        assertThat(ids).hasSizeGreaterThan(200);
    }

    // --- changes ----------------------------------------------------------------------------------------------

    private void insert() {
        PacketId id = new PacketId(new UUID(random.nextLong(), random.nextLong()));
        packets.insert(randomPacket(id, pick(TENANTS), minutes(random.nextInt(30)), 1 + random.nextInt(3)));
        ids.add(id);
    }

    private void update() {
        Optional<Packet> current = anyStored();
        if (current.isEmpty()) {
            return;
        }
        Packet stored = current.get();
        Packet next = randomPacket(stored.id(), stored.tenant(), stored.createdAt(), stored.revision() + 1);
        boolean rightStatus = random.nextInt(10) > 0;
        PacketStatus expected = rightStatus ? stored.status()
                : PacketStatus.values()[(stored.status().ordinal() + 1) % PacketStatus.values().length];
        assertThat(packets.update(next, expected)).isEqualTo(rightStatus);
    }

    private void purge() {
        TenantId tenant = pick(TENANTS);
        Instant before = minutes(random.nextInt(240));
        long due = scan().filter(p -> p.tenant().equals(tenant) && p.status().isTerminal()
                && p.updatedAt().isBefore(before)).count();
        assertThat(packets.purgeTerminal(tenant, before)).isEqualTo((int) due);
    }

    private void rolledBack() {
        List<Packet> before = scan().toList();
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> stores.transactor().run(() -> {
            for (int i = random.nextInt(4); i >= 0; i--) {
                switch (random.nextInt(3)) {
                    case 0 -> insert();
                    case 1 -> update();
                    default -> purge();
                }
            }
            compareReads();
            throw boom;
        })).isSameAs(boom);
        assertThat(scan().toList()).containsExactlyInAnyOrderElementsOf(before);
        compareReads();
    }

    // --- reads ------------------------------------------------------------------------------------------------

    private void compareReads() {
        List<Packet> all = scan().toList();
        for (TenantId tenant : TENANTS) {
            for (int i = 0; i < 6; i++) {
                PacketQuery query = randomQuery();
                PacketPage page = packets.list(tenant, query);
                assertThat(page).as("list %s %s", tenant, query).isEqualTo(listByScan(all, tenant, query));
                while (page.nextCursor() != null) {
                    PacketQuery next = query.withPage(query.limit(), 0, page.nextCursor());
                    page = packets.list(tenant, next);
                    assertThat(page).as("list %s %s", tenant, next).isEqualTo(listByScan(all, tenant, next));
                }
            }
            String agent = random.nextBoolean() ? null : pick(AGENTS);
            Set<String> tags = randomTags();
            assertThat(stores.transactor().inTransaction(() -> packets.lockNextClaimable(tenant, agent, tags)))
                    .as("claim-next %s %s %s", tenant, agent, tags)
                    .isEqualTo(claimableByScan(all, tenant, agent, tags));
            SearchQuery search = new SearchQuery(List.of(pick(List.of("refund", "upgrade"))), randomStatuses(),
                    random.nextBoolean() ? null : pick(List.of(Priority.values())), 1 + random.nextInt(5),
                    random.nextInt(3));
            assertThat(packets.search(tenant, search)).isEqualTo(searchByScan(all, tenant, search));
        }
        Instant cutoff = minutes(random.nextInt(240));
        Instant now = minutes(random.nextInt(360));
        int limit = random.nextInt(12);
        assertThat(packets.findExpirable(cutoff, now, limit)).as("expirable %s %s %s", cutoff, now, limit)
                .isEqualTo(expirableByScan(all, cutoff, now, limit));
        assertThat(packets.findLeaseExpired(now, limit)).as("lease expired %s %s", now, limit)
                .isEqualTo(leaseExpiredByScan(all, now, limit));
    }

    private PacketQuery randomQuery() {
        Instant after = random.nextInt(4) == 0 ? minutes(random.nextInt(30)) : null;
        Instant before = random.nextInt(4) == 0 ? minutes(random.nextInt(30)) : null;
        PacketCursor cursor = null;
        if (random.nextInt(4) == 0) {
            Optional<Packet> at = anyStored();
            cursor = at.isPresent() && random.nextBoolean() ? PacketCursor.after(at.get())
                    : new PacketCursor(minutes(random.nextInt(30)), new PacketId(new UUID(random.nextLong(),
                    random.nextLong())));
        }
        return new PacketQuery(random.nextInt(3) == 0 ? randomStatuses() : Set.of(),
                random.nextInt(5) == 0 ? pick(AGENTS) : null, random.nextInt(5) == 0 ? pick(AGENTS) : null,
                random.nextInt(4) == 0 ? randomTags() : Set.of(),
                random.nextInt(4) == 0 ? pick(List.of(Priority.values())) : null,
                random.nextInt(4) == 0 ? random.nextBoolean() : null, after, before, 1 + random.nextInt(6),
                random.nextInt(3) == 0 ? random.nextInt(8) : 0, cursor, random.nextBoolean());
    }

    // --- the former full scans --------------------------------------------------------------------------------

    private static PacketPage listByScan(List<Packet> all, TenantId tenant, PacketQuery query) {
        Comparator<Packet> order = query.oldestFirst() ? OLDEST_FIRST : OLDEST_FIRST.reversed();
        List<Packet> matching = ofTenant(all, tenant).filter(query::matches).sorted(order).toList();
        Stream<Packet> rest = query.cursor() == null
                ? matching.stream().skip(query.offset())
                : matching.stream().filter(after(query.cursor(), query.oldestFirst()));
        List<Packet> window = rest.limit(query.limit() + 1L).toList();
        boolean more = window.size() > query.limit();
        List<Packet> page = more ? window.subList(0, query.limit()) : window;
        PacketCursor next = more ? PacketCursor.after(page.get(page.size() - 1)) : null;
        return new PacketPage(page, matching.size(), next);
    }

    private static Predicate<Packet> after(PacketCursor cursor, boolean ascending) {
        return p -> {
            int byTime = p.createdAt().compareTo(cursor.createdAt());
            int position = byTime != 0 ? byTime : p.id().toString().compareTo(cursor.id().toString());
            return ascending ? position > 0 : position < 0;
        };
    }

    private static Optional<Packet> claimableByScan(List<Packet> all, TenantId tenant, String targetAgentId,
                                                    Set<String> tags) {
        return ofTenant(all, tenant)
                .filter(p -> p.status() == PacketStatus.CREATED)
                .filter(p -> targetAgentId == null || targetAgentId.equals(p.targetAgent().id()))
                .filter(p -> p.tags().containsAll(tags))
                .min(NEXT_CLAIMABLE);
    }

    private static PacketPage searchByScan(List<Packet> all, TenantId tenant, SearchQuery query) {
        Set<PacketStatus> statuses = query.statuses();
        List<Packet> hits = ofTenant(all, tenant)
                .filter(p -> statuses.isEmpty() || statuses.contains(p.status()))
                .filter(p -> query.priority() == null || query.priority() == p.priority())
                .filter(p -> PacketText.relevance(p, query.words()) > 0)
                .sorted(Comparator.comparingInt((Packet p) -> PacketText.relevance(p, query.words()))
                        .thenComparing(OLDEST_FIRST).reversed())
                .toList();
        List<Packet> page = hits.stream().skip(query.offset()).limit(query.limit()).toList();
        return new PacketPage(page, hits.size(), null);
    }

    private static List<Packet> expirableByScan(List<Packet> all, Instant ttlCutoff, Instant now, int limit) {
        return all.stream().filter(p -> expirable(p, ttlCutoff, now)).sorted(EXPIRY_ORDER).limit(limit).toList();
    }

    private static boolean expirable(Packet p, Instant ttlCutoff, Instant now) {
        if (!p.status().isActive()) {
            return false;
        }
        Integer timeout = p.status() == PacketStatus.AWAITING_HUMAN && p.hitl() != null
                ? p.hitl().timeoutSeconds() : null;
        if (timeout != null) {
            return !p.statusChangedAt().plusSeconds(timeout).isAfter(now);
        }
        return p.statusChangedAt().isBefore(ttlCutoff);
    }

    private static List<Packet> leaseExpiredByScan(List<Packet> all, Instant now, int limit) {
        return all.stream()
                .filter(p -> (p.status() == PacketStatus.CLAIMED || p.status() == PacketStatus.IN_PROGRESS)
                        && p.lease().expiredAt(now))
                .sorted(Comparator.comparing((Packet p) -> p.lease().expiresAt())
                        .thenComparing(p -> p.id().value()))
                .limit(limit)
                .toList();
    }

    private static Stream<Packet> ofTenant(List<Packet> all, TenantId tenant) {
        return all.stream().filter(p -> p.tenant().equals(tenant));
    }

    // --- random packets ---------------------------------------------------------------------------------------

    /** The store's packets by id, in insertion order, read straight from its table. */
    private Stream<Packet> scan() {
        return stores.transactor().inTransaction(() -> packets.rows().toList()).stream();
    }

    private Optional<Packet> anyStored() {
        for (int attempt = 0; attempt < 5 && !ids.isEmpty(); attempt++) {
            PacketId id = ids.get(random.nextInt(ids.size()));
            Optional<Packet> found = stores.transactor().inTransaction(() -> packets.rows()
                    .filter(p -> p.id().equals(id)).findFirst());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Packet randomPacket(PacketId id, TenantId tenant, Instant createdAt, long revision) {
        PacketFixtures.Builder packet = aPacket().id(id).tenant(tenant).createdAt(createdAt)
                .source(pick(AGENTS)).target(pick(AGENTS)).priority(pick(List.of(Priority.values())))
                .tags(randomTags().toArray(String[]::new)).summary(pick(SUMMARIES))
                .updatedAt(createdAt.plusSeconds(60L * random.nextInt(180)))
                .statusChangedAt(createdAt.plusSeconds(60L * random.nextInt(180)));
        switch (random.nextInt(10)) {
            case 0, 1 -> packet.status(PacketStatus.CREATED);
            case 2 -> packet.claimedBy(pick(AGENTS));
            case 3 -> packet.status(PacketStatus.IN_PROGRESS);
            case 4 -> packet.awaitingHuman(random.nextInt(3) == 0 ? null : pick(TIMEOUTS));
            case 5 -> packet.status(PacketStatus.AWAITING_HUMAN).hitl(random.nextBoolean() ? null
                    : HitlCheckpoint.of(false, "optional", null, null, pick(TIMEOUTS)));
            case 6 -> packet.status(PacketStatus.COMPLETED);
            case 7 -> packet.status(PacketStatus.FAILED);
            case 8 -> packet.status(PacketStatus.EXPIRED);
            default -> packet.status(pick(List.of(PacketStatus.CLAIMED, PacketStatus.IN_PROGRESS,
                    PacketStatus.CREATED)));
        }
        Packet built = packet.build();
        Lease lease = random.nextInt(3) == 0 ? Lease.NONE : new Lease("hash", minutes(random.nextInt(120)), 60,
                AgentInfo.of("billing-01", "BillingBot"), random.nextInt(2), null);
        return new Packet(built.id(), built.tenant(), revision, built.parentId(), built.schemaId(), built.status(),
                built.sourceAgent(), built.targetAgent(), built.priority(), built.tags(), built.context(),
                built.decisions(), built.actions(), built.dependencies(), built.hitl(), built.chainDepth(),
                built.createdAt(), built.updatedAt(), built.claimedAt(), built.completedAt(),
                built.statusChangedAt(), lease);
    }

    private Set<PacketStatus> randomStatuses() {
        Set<PacketStatus> statuses = new HashSet<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            statuses.add(pick(List.of(PacketStatus.values())));
        }
        return statuses;
    }

    private Set<String> randomTags() {
        Set<String> tags = new HashSet<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            tags.add(pick(TAGS));
        }
        return tags;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static Instant minutes(long n) {
        return T0.plusSeconds(60 * n);
    }
}
