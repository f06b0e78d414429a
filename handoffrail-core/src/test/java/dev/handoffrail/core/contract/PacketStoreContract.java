package dev.handoffrail.core.contract;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static dev.handoffrail.core.testing.PacketQueries.aQuery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.HitlCheckpoint;
import dev.handoffrail.core.packet.Lease;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketPage;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.packet.SearchQuery;
import dev.handoffrail.core.packet.Trigger;
import dev.handoffrail.core.port.out.PacketStore;
import dev.handoffrail.core.schema.SchemaDefinition;
import dev.handoffrail.core.tenant.ActiveAgents;
import dev.handoffrail.core.testing.AuditFixtures;
import dev.handoffrail.core.testing.DeliveryFixtures;
import dev.handoffrail.core.testing.PacketFixtures;
import dev.handoffrail.core.testing.PacketQueries;
import dev.handoffrail.core.testing.Race;
import dev.handoffrail.core.testing.SchemaFixtures;
import dev.handoffrail.core.testing.WebhookFixtures;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.Webhook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link PacketStore} contract. Ties on {@code created_at} break on the id's lower-case canonical text
 * ({@code f…} after {@code 8…} after {@code 1…}), which is also PostgreSQL's {@code uuid} order.
 */
public abstract class PacketStoreContract extends StoreContract {
    private static final String LOW_ID = "10000000-0000-4000-8000-000000000000";
    private static final String MID_ID = "80000000-0000-4000-8000-000000000000";
    private static final String HIGH_ID = "f0000000-0000-4000-8000-000000000000";

    private PacketStore packets;

    @BeforeEach
    final void givenTenants() {
        givenTwoTenants();
        packets = stores.packets();
    }

    // --- insert and find --------------------------------------------------------------------------------------

    @Test
    void an_inserted_packet_is_found_with_every_field_intact() {
        Packet parent = stored(aPacket().status(PacketStatus.COMPLETED));
        SchemaDefinition schema = SchemaFixtures.aSchema().build();
        stores.schemas().insert(schema);
        Packet packet = PacketFixtures.aFullPacket(parent.id(), schema.id())
                .revision(4)
                .claimedBy("billing-01")
                .createdAt(T0.plusNanos(123_456_000))
                .updatedAt(T0.plusSeconds(50))
                .claimedAt(T0.plusSeconds(20))
                .statusChangedAt(T0.plusSeconds(40))
                .build();

        packets.insert(packet);

        assertThat(packets.find(ACME, packet.id())).contains(packet);
    }

    @Test
    void an_unknown_packet_is_absent() {
        assertThat(packets.find(ACME, PacketId.random())).isEmpty();
    }

    @Test
    void inserting_a_used_id_fails_and_keeps_the_stored_packet() {
        Packet original = stored(aPacket().summary("first"));
        Packet duplicate = aPacket().id(original.id()).summary("second").build();

        assertThatThrownBy(() -> packets.insert(duplicate)).isInstanceOf(RuntimeException.class);

        assertThat(packets.find(ACME, original.id())).contains(original);
    }

    @Test
    void find_for_update_returns_the_packet_inside_a_transaction() {
        Packet packet = stored(aPacket());

        Optional<Packet> found = stores.transactor().inTransaction(() -> packets.findForUpdate(ACME, packet.id()));

        assertThat(found).contains(packet);
    }

    // --- tenant isolation -------------------------------------------------------------------------------------

    @Test
    void another_tenants_packet_is_absent_from_every_lookup() {
        Packet packet = stored(aPacket().tags("billing").summary("refund request").status(PacketStatus.COMPLETED)
                .updatedAt(T0));
        Packet created = stored(aPacket().tags("billing").summary("refund request"));

        assertThat(packets.find(GLOBEX, packet.id())).isEmpty();
        assertThat(stores.transactor().inTransaction(() -> packets.findForUpdate(GLOBEX, packet.id()))).isEmpty();
        assertThat(packets.list(GLOBEX, PacketQuery.all()).total()).isZero();
        assertThat(packets.search(GLOBEX, search("refund")).total()).isZero();
        assertThat(stores.transactor().inTransaction(() -> packets.lockNextClaimable(GLOBEX, null, Set.of())))
                .isEmpty();
        assertThat(packets.activeAgents(GLOBEX, List.of("support-01"))).isEqualTo(ActiveAgents.none());
        assertThat(packets.purgeTerminal(GLOBEX, T0.plus(Duration.ofDays(1)))).isZero();
        assertThat(packets.find(ACME, packet.id())).contains(packet);
        assertThat(packets.find(ACME, created.id())).contains(created);
    }

    @Test
    void an_update_naming_another_tenant_changes_nothing() {
        Packet packet = stored(aPacket());
        Packet foreign = aPacket().id(packet.id()).tenant(GLOBEX).revision(2).claimedBy("intruder").build();

        assertThat(packets.update(foreign, PacketStatus.CREATED)).isFalse();

        assertThat(packets.find(ACME, packet.id())).contains(packet);
        assertThat(packets.find(GLOBEX, packet.id())).isEmpty();
    }

    // --- conditional update -----------------------------------------------------------------------------------

    @Test
    void an_update_with_the_next_revision_and_the_expected_status_replaces_the_packet() {
        Packet packet = stored(aPacket());
        Packet claimed = packet.claimedBy(AgentInfo.of("billing-01", "BillingBot"), T0.plusSeconds(5));

        assertThat(packets.update(claimed, PacketStatus.CREATED)).isTrue();

        Packet found = packets.find(ACME, packet.id()).orElseThrow();
        assertThat(found).isEqualTo(claimed);
        assertThat(found.revision()).isEqualTo(2);
        assertThat(found.status()).isEqualTo(PacketStatus.CLAIMED);
        assertThat(found.claimedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void an_update_with_a_stale_revision_is_rejected_and_changes_nothing() {
        Packet packet = stored(aPacket().revision(3));

        Packet sameRevision = aPacket().id(packet.id()).revision(3).claimedBy("late-01").build();
        Packet skippedRevision = aPacket().id(packet.id()).revision(5).claimedBy("late-02").build();

        assertThat(packets.update(sameRevision, PacketStatus.CREATED)).isFalse();
        assertThat(packets.update(skippedRevision, PacketStatus.CREATED)).isFalse();
        assertThat(packets.find(ACME, packet.id())).contains(packet);
    }

    @Test
    void an_update_expecting_the_wrong_status_is_rejected_and_changes_nothing() {
        Packet packet = stored(aPacket().claimedBy("billing-01"));
        Packet next = packet.movedTo(PacketStatus.IN_PROGRESS, Trigger.PATCH, T0.plusSeconds(9));

        assertThat(packets.update(next, PacketStatus.CREATED)).isFalse();

        assertThat(packets.find(ACME, packet.id())).contains(packet);
    }

    @Test
    void an_update_of_an_unknown_packet_returns_false_and_stores_nothing() {
        Packet ghost = aPacket().revision(2).build();

        assertThat(packets.update(ghost, PacketStatus.CREATED)).isFalse();

        assertThat(packets.find(ACME, ghost.id())).isEmpty();
    }

    @Test
    void of_thirty_two_concurrent_claims_of_one_packet_exactly_one_wins() throws Exception {
        Packet packet = stored(aPacket());
        AtomicInteger next = new AtomicInteger();

        List<Packet> winners = Race.run(32, () -> {
            String agent = "worker-" + next.incrementAndGet();
            Packet claimed = packet.claimedBy(AgentInfo.of(agent, agent), T0.plusSeconds(1));
            return packets.update(claimed, PacketStatus.CREATED) ? claimed : null;
        }).stream().filter(p -> p != null).toList();

        assertThat(winners).hasSize(1);
        assertThat(packets.find(ACME, packet.id())).contains(winners.get(0));
    }

    // --- list: filters ----------------------------------------------------------------------------------------

    /** Four ACME packets (and one GLOBEX packet that no ACME filter may return). */
    private record Listing(Packet created, Packet claimed, Packet awaiting, Packet completed) {
    }

    private Listing givenListing() {
        Packet created = stored(aPacket().createdAt(minutes(1)).source("support-01").target("billing-01")
                .priority(Priority.NORMAL).tags("billing", "urgent"));
        Packet claimed = stored(aPacket().createdAt(minutes(2)).source("support-02").claimedBy("billing-02")
                .priority(Priority.HIGH).tags("billing")
                .hitl(HitlCheckpoint.of(false, "optional review", null, null, null)));
        Packet awaiting = stored(aPacket().createdAt(minutes(3)).source("support-01").target("human-desk")
                .priority(Priority.CRITICAL).tags("urgent").awaitingHuman(600));
        Packet completed = stored(aPacket().createdAt(minutes(4)).source("support-03").target("billing-01")
                .priority(Priority.LOW).status(PacketStatus.COMPLETED));
        stored(aPacket().tenant(GLOBEX).createdAt(minutes(5)).source("support-01").target("billing-01")
                .tags("billing", "urgent"));
        return new Listing(created, claimed, awaiting, completed);
    }

    @Test
    void list_without_filters_returns_the_tenants_packets_newest_first() {
        Listing l = givenListing();

        PacketPage page = packets.list(ACME, PacketQuery.all());

        assertThat(page.packets()).containsExactly(l.completed(), l.awaiting(), l.claimed(), l.created());
        assertThat(page.total()).isEqualTo(4);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void list_filters_statuses_with_or() {
        Listing l = givenListing();

        assertThat(ids(aQuery().statuses(PacketStatus.CREATED, PacketStatus.CLAIMED)))
                .containsExactly(l.claimed().id(), l.created().id());
        assertThat(ids(aQuery().statuses(PacketStatus.FAILED))).isEmpty();
    }

    @Test
    void list_filters_tags_requiring_all_of_them() {
        Listing l = givenListing();

        assertThat(ids(aQuery().tags("billing", "urgent"))).containsExactly(l.created().id());
        assertThat(ids(aQuery().tags("billing"))).containsExactly(l.claimed().id(), l.created().id());
        assertThat(ids(aQuery().tags("billing", "missing"))).isEmpty();
    }

    @Test
    void list_filters_hitl_required_true_and_false() {
        Listing l = givenListing();

        assertThat(ids(aQuery().hitlRequired(true))).containsExactly(l.awaiting().id());
        assertThat(ids(aQuery().hitlRequired(false)))
                .containsExactly(l.completed().id(), l.claimed().id(), l.created().id());
    }

    @Test
    void list_filters_creation_time_with_inclusive_bounds() {
        Listing l = givenListing();

        assertThat(ids(aQuery().createdAfter(minutes(2))))
                .containsExactly(l.completed().id(), l.awaiting().id(), l.claimed().id());
        assertThat(ids(aQuery().createdBefore(minutes(2)))).containsExactly(l.claimed().id(), l.created().id());
        assertThat(ids(aQuery().createdAfter(minutes(2)).createdBefore(minutes(2))))
                .containsExactly(l.claimed().id());
        assertThat(ids(aQuery().createdAfter(minutes(2).plusNanos(1000)).createdBefore(minutes(3).minusNanos(1000))))
                .isEmpty();
    }

    @Test
    void list_filters_source_and_target_agent_exactly() {
        Listing l = givenListing();

        assertThat(ids(aQuery().sourceAgent("support-01"))).containsExactly(l.awaiting().id(), l.created().id());
        assertThat(ids(aQuery().targetAgent("billing-02"))).containsExactly(l.claimed().id());
        assertThat(ids(aQuery().targetAgent("billing-01"))).containsExactly(l.completed().id(), l.created().id());
        assertThat(ids(aQuery().sourceAgent("support"))).isEmpty();
    }

    @Test
    void list_filters_priority_exactly() {
        Listing l = givenListing();

        assertThat(ids(aQuery().priority(Priority.HIGH))).containsExactly(l.claimed().id());
        assertThat(ids(aQuery().priority(Priority.LOW))).containsExactly(l.completed().id());
    }

    @Test
    void list_combines_filters_and_counts_only_matches() {
        Listing l = givenListing();

        PacketPage page = packets.list(ACME, aQuery().tags("urgent").sourceAgent("support-01").limit(1).build());

        assertThat(page.packets()).containsExactly(l.awaiting());
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.nextCursor()).isNotNull();
    }

    @Test
    void list_totals_follow_status_changes_and_purges() {
        Packet first = stored(aPacket().priority(Priority.HIGH));
        Packet second = stored(aPacket().priority(Priority.HIGH));
        stored(aPacket());
        stored(aPacket().tenant(GLOBEX).priority(Priority.HIGH));
        Packet claimed = first.claimedBy(AgentInfo.of("billing-01", "BillingBot"), T0.plusSeconds(5));
        packets.update(claimed, PacketStatus.CREATED);
        Packet completed = claimed.movedTo(PacketStatus.COMPLETED, Trigger.PATCH, T0.plusSeconds(6));
        packets.update(completed, PacketStatus.CLAIMED);
        packets.update(second.movedTo(PacketStatus.FAILED, Trigger.PATCH, T0.plusSeconds(7)), PacketStatus.CREATED);

        assertThat(packets.list(ACME, PacketQuery.all()).total()).isEqualTo(3);
        assertThat(packets.list(ACME, aQuery().priority(Priority.HIGH).build()).total()).isEqualTo(2);
        assertThat(packets.list(ACME, aQuery().statuses(PacketStatus.COMPLETED, PacketStatus.FAILED)
                .priority(Priority.HIGH).build()).total()).isEqualTo(2);
        assertThat(packets.list(ACME, aQuery().statuses(PacketStatus.CREATED, PacketStatus.CLAIMED).build())
                .total()).isEqualTo(1);

        assertThat(packets.purgeTerminal(ACME, T0.plus(Duration.ofDays(1)))).isEqualTo(2);

        assertThat(packets.list(ACME, PacketQuery.all()).total()).isEqualTo(1);
        assertThat(packets.list(ACME, aQuery().priority(Priority.HIGH).build()).total()).isZero();
        assertThat(packets.list(GLOBEX, aQuery().priority(Priority.HIGH).build()).total()).isEqualTo(1);
    }

    @Test
    void a_rolled_back_transaction_leaves_lists_totals_claims_and_sweeps_as_they_were() {
        Packet claimable = stored(aPacket().createdAt(minutes(1)).tags("billing"));
        Packet queued = stored(aPacket().createdAt(minutes(2)).target("billing-02"));
        Packet leased = queued.leasedTo(AgentInfo.of("worker-02", "Worker"), Lease.hash("token"),
                Duration.ofMinutes(1), minutes(2));
        assertThat(packets.update(leased, PacketStatus.CREATED)).isTrue();
        Packet awaiting = stored(aPacket().createdAt(minutes(3)).awaitingHuman(60));
        stored(aPacket().createdAt(minutes(4)).status(PacketStatus.COMPLETED).priority(Priority.HIGH));
        ReadSnapshot before = readAll();
        IllegalStateException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> stores.transactor().run(() -> {
            packets.insert(aPacket().createdAt(minutes(5)).priority(Priority.CRITICAL).tags("billing").build());
            assertThat(packets.update(claim(claimable), PacketStatus.CREATED)).isTrue();
            assertThat(packets.update(leased.leaseReleased(minutes(6)), PacketStatus.CLAIMED)).isTrue();
            assertThat(packets.update(awaiting.movedTo(PacketStatus.EXPIRED, Trigger.HITL_TIMEOUT, minutes(6)),
                    PacketStatus.AWAITING_HUMAN)).isTrue();
            assertThat(packets.purgeTerminal(ACME, minutes(60))).isEqualTo(2);
            throw boom;
        })).isSameAs(boom);

        assertThat(readAll()).isEqualTo(before);
        assertThat(before.page().total()).isEqualTo(4);
        assertThat(before.claimNext()).contains(claimable);
        assertThat(before.leaseExpired()).containsExactly(leased);
        assertThat(before.expirable()).containsExactly(claimable, awaiting);
        assertThat(packets.purgeTerminal(ACME, minutes(60))).isEqualTo(1);
    }

    /** Every read a packet change moves, as {@link #readAll} saw them at one moment. */
    private record ReadSnapshot(PacketPage page, PacketPage oldestTagged, long highTotal, long createdTotal,
                                Optional<Packet> claimNext, Optional<Packet> claimNextForAgent,
                                List<Packet> expirable, List<Packet> leaseExpired, ActiveAgents agents) {
    }

    private ReadSnapshot readAll() {
        return new ReadSnapshot(packets.list(ACME, PacketQuery.all()),
                packets.list(ACME, aQuery().tags("billing").oldestFirst().build()),
                packets.list(ACME, aQuery().priority(Priority.HIGH).build()).total(),
                packets.list(ACME, aQuery().statuses(PacketStatus.CREATED).build()).total(),
                nextClaimable(null, Set.of("billing")), nextClaimable("billing-01", Set.of()),
                packets.findExpirable(minutes(2), minutes(10), 100), packets.findLeaseExpired(minutes(10), 100),
                packets.activeAgents(ACME, List.of("billing-01", "worker-02")));
    }

    // --- list: order and paging -------------------------------------------------------------------------------

    @Test
    void list_breaks_creation_time_ties_by_id_text_descending() {
        Packet low = stored(aPacket().id(LOW_ID));
        Packet high = stored(aPacket().id(HIGH_ID));
        Packet mid = stored(aPacket().id(MID_ID));

        assertThat(packets.list(ACME, PacketQuery.all()).packets()).containsExactly(high, mid, low);
    }

    @Test
    void list_oldest_first_orders_by_creation_time_then_id_ascending() {
        Packet later = stored(aPacket().createdAt(minutes(5)).awaitingHuman(null));
        Packet mid = stored(aPacket().id(MID_ID).awaitingHuman(null));
        Packet low = stored(aPacket().id(LOW_ID).awaitingHuman(null));
        stored(aPacket().createdAt(minutes(1)));

        PacketPage page = packets.list(ACME, PacketQuery.awaitingHuman(50, 0));

        assertThat(page.packets()).containsExactly(low, mid, later);
        assertThat(page.total()).isEqualTo(3);
    }

    @Test
    void cursor_paging_walks_three_pages_without_overlap() {
        List<Packet> newestFirst = givenSevenPackets();

        PacketPage first = packets.list(ACME, aQuery().limit(3).build());
        PacketPage second = packets.list(ACME, aQuery().limit(3).offset(0).cursor(first.nextCursor()).build());
        PacketPage third = packets.list(ACME, aQuery().limit(3).offset(5).cursor(second.nextCursor()).build());

        assertThat(first.packets()).containsExactlyElementsOf(newestFirst.subList(0, 3));
        assertThat(second.packets()).containsExactlyElementsOf(newestFirst.subList(3, 6));
        assertThat(third.packets()).containsExactlyElementsOf(newestFirst.subList(6, 7));
        assertThat(List.of(first.total(), second.total(), third.total())).containsOnly(7L);
        assertThat(first.nextCursor()).isNotNull();
        assertThat(second.nextCursor()).isNotNull();
        assertThat(third.nextCursor()).isNull();
    }

    @Test
    void cursor_paging_keeps_the_filters() {
        Packet older = stored(aPacket().createdAt(minutes(1)).tags("billing"));
        stored(aPacket().createdAt(minutes(2)));
        Packet newer = stored(aPacket().createdAt(minutes(3)).tags("billing"));

        PacketPage first = packets.list(ACME, aQuery().tags("billing").limit(1).build());
        PacketPage second = packets.list(ACME, aQuery().tags("billing").limit(1).cursor(first.nextCursor()).build());

        assertThat(first.packets()).containsExactly(newer);
        assertThat(second.packets()).containsExactly(older);
        assertThat(second.total()).isEqualTo(2);
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void packets_created_after_the_first_page_never_appear_on_later_pages() {
        List<Packet> newestFirst = givenSevenPackets();
        PacketPage first = packets.list(ACME, aQuery().limit(3).build());
        stored(aPacket().createdAt(minutes(60)));

        PacketPage second = packets.list(ACME, aQuery().limit(3).cursor(first.nextCursor()).build());

        assertThat(second.packets()).containsExactlyElementsOf(newestFirst.subList(3, 6));
        assertThat(second.total()).isEqualTo(8);
    }

    @Test
    void offset_paging_fills_the_next_cursor_only_when_more_packets_follow() {
        List<Packet> newestFirst = givenSevenPackets();

        PacketPage middle = packets.list(ACME, aQuery().limit(3).offset(3).build());
        PacketPage last = packets.list(ACME, aQuery().limit(3).offset(4).build());
        PacketPage exact = packets.list(ACME, aQuery().limit(7).build());
        PacketPage beyond = packets.list(ACME, aQuery().limit(3).offset(9).build());

        assertThat(middle.packets()).containsExactlyElementsOf(newestFirst.subList(3, 6));
        assertThat(middle.nextCursor()).isNotNull();
        PacketPage afterMiddle = packets.list(ACME, aQuery().limit(3).cursor(middle.nextCursor()).build());
        assertThat(afterMiddle.packets()).containsExactly(newestFirst.get(6));
        assertThat(last.packets()).containsExactlyElementsOf(newestFirst.subList(4, 7));
        assertThat(last.nextCursor()).isNull();
        assertThat(exact.packets()).hasSize(7);
        assertThat(exact.nextCursor()).isNull();
        assertThat(beyond.packets()).isEmpty();
        assertThat(beyond.total()).isEqualTo(7);
        assertThat(beyond.nextCursor()).isNull();
    }

    /** Seven ACME packets, two of them sharing a creation time; returned newest first. */
    private List<Packet> givenSevenPackets() {
        List<Packet> oldestFirst = new ArrayList<>();
        oldestFirst.add(stored(aPacket().createdAt(minutes(1))));
        oldestFirst.add(stored(aPacket().createdAt(minutes(2))));
        oldestFirst.add(stored(aPacket().id(LOW_ID).createdAt(minutes(3))));
        oldestFirst.add(stored(aPacket().id(HIGH_ID).createdAt(minutes(3))));
        oldestFirst.add(stored(aPacket().createdAt(minutes(4).plusNanos(1000))));
        oldestFirst.add(stored(aPacket().createdAt(minutes(5))));
        oldestFirst.add(stored(aPacket().createdAt(minutes(6))));
        List<Packet> newestFirst = new ArrayList<>(oldestFirst);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    // --- claim-next -------------------------------------------------------------------------------------------

    @Test
    void the_next_claimable_packet_is_the_highest_priority_then_oldest_then_smallest_id() {
        stored(aPacket().priority(Priority.NORMAL).createdAt(minutes(1)));
        stored(aPacket().priority(Priority.HIGH).createdAt(minutes(3)));
        stored(aPacket().priority(Priority.CRITICAL).createdAt(minutes(4)).claimedBy("billing-01"));
        Packet oldestHigh = stored(aPacket().priority(Priority.HIGH).createdAt(minutes(2)).id(MID_ID));
        Packet tieLowId = stored(aPacket().priority(Priority.HIGH).createdAt(minutes(2)).id(LOW_ID));

        assertThat(nextClaimable(null, Set.of())).contains(tieLowId);
        packets.update(claim(tieLowId), PacketStatus.CREATED);
        assertThat(nextClaimable(null, Set.of())).contains(oldestHigh);
    }

    @Test
    void the_next_claimable_packet_is_addressed_to_the_agent_and_carries_every_tag() {
        stored(aPacket().target("billing-02").tags("upgrade", "eu").createdAt(minutes(1)));
        stored(aPacket().target("billing-01").tags("upgrade").createdAt(minutes(2)));
        Packet match = stored(aPacket().target("billing-01").tags("eu", "upgrade", "vip").createdAt(minutes(3)));

        assertThat(nextClaimable("billing-01", Set.of("upgrade", "eu"))).contains(match);
        assertThat(nextClaimable("billing-03", Set.of())).isEmpty();
        assertThat(nextClaimable(null, Set.of("vip"))).contains(match);
    }

    @Test
    void only_created_packets_are_claimable() {
        stored(aPacket().claimedBy("billing-01"));
        stored(aPacket().awaitingHuman(null));
        stored(aPacket().status(PacketStatus.EXPIRED));

        assertThat(nextClaimable(null, Set.of())).isEmpty();
    }

    @Test
    void concurrent_claim_next_callers_never_get_the_same_packet() throws Exception {
        Set<PacketId> created = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            created.add(stored(aPacket().createdAt(minutes(i))).id());
        }

        List<Optional<PacketId>> taken = Race.run(8, () -> stores.transactor().inTransaction(() ->
                packets.lockNextClaimable(ACME, null, Set.of()).map(p -> {
                    assertThat(packets.update(claim(p), PacketStatus.CREATED)).isTrue();
                    return p.id();
                })));

        List<PacketId> claimed = taken.stream().flatMap(Optional::stream).toList();
        assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
    }

    // --- prepared writes --------------------------------------------------------------------------------------

    @Test
    void a_packet_prepared_before_its_transaction_is_stored_as_it_is() {
        Packet packet = aPacket().tags("billing").summary("prepared").build();
        Packet claimed = claim(packet);

        packets.prepareWrite(packet);
        stores.transactor().run(() -> packets.insert(packet));
        packets.prepareWrite(claimed);
        assertThat(packets.update(claimed, PacketStatus.CREATED)).isTrue();

        assertThat(packets.find(ACME, packet.id())).contains(claimed);
    }

    @Test
    void preparing_one_packet_and_writing_another_stores_the_other() {
        Packet prepared = aPacket().summary("prepared").build();
        Packet written = aPacket().summary("written").build();

        packets.prepareWrite(prepared);
        packets.insert(written);
        packets.insert(prepared);

        assertThat(packets.find(ACME, written.id())).contains(written);
        assertThat(packets.find(ACME, prepared.id())).contains(prepared);
    }

        // --- expiry, purge -------------------------------------------------------------------------

    @Test
    void expirable_packets_are_active_ones_whose_status_changed_before_the_ttl_cutoff() {
        Instant cutoff = T0.plus(Duration.ofHours(1));
        Instant now = T0.plus(Duration.ofHours(2));
        Packet justBefore = stored(aPacket().statusChangedAt(cutoff.minusNanos(1000)));
        stored(aPacket().claimedBy("billing-01").statusChangedAt(cutoff));
        Packet inProgress = stored(aPacket().status(PacketStatus.IN_PROGRESS).statusChangedAt(T0));
        Packet awaitingWithoutTimeout = stored(aPacket().awaitingHuman(null).statusChangedAt(T0));
        Packet awaitingWithoutCheckpoint = stored(aPacket().status(PacketStatus.AWAITING_HUMAN).statusChangedAt(T0));
        stored(aPacket().status(PacketStatus.COMPLETED).statusChangedAt(T0));
        stored(aPacket().status(PacketStatus.FAILED).statusChangedAt(T0));
        stored(aPacket().status(PacketStatus.EXPIRED).statusChangedAt(T0));
        Packet otherTenant = stored(aPacket().tenant(GLOBEX).statusChangedAt(T0));

        assertThat(packets.findExpirable(cutoff, now, 100)).extracting(Packet::id).containsExactlyInAnyOrder(
                justBefore.id(), inProgress.id(), awaitingWithoutTimeout.id(), awaitingWithoutCheckpoint.id(),
                otherTenant.id());
    }

    @Test
    void a_checkpoint_timeout_longer_than_the_ttl_takes_precedence() {
        Instant cutoff = T0.plus(Duration.ofHours(1));
        Instant now = T0.plus(Duration.ofHours(2));
        stored(aPacket().awaitingHuman(3 * 3600).statusChangedAt(T0));

        assertThat(packets.findExpirable(cutoff, now, 100)).isEmpty();
        assertThat(packets.findExpirable(cutoff, T0.plus(Duration.ofHours(3)), 100)).hasSize(1);
    }

    @Test
    void a_checkpoint_timeout_shorter_than_the_ttl_takes_precedence() {
        Instant now = T0.plus(Duration.ofHours(2));
        Instant cutoff = now.minus(Duration.ofHours(24));
        Packet elapsed = stored(aPacket().awaitingHuman(60).statusChangedAt(now.minusSeconds(60)));
        stored(aPacket().awaitingHuman(60).statusChangedAt(now.minusSeconds(59)));
        stored(aPacket().statusChangedAt(now.minusSeconds(60)));

        assertThat(packets.findExpirable(cutoff, now, 100)).containsExactly(elapsed);
    }

    @Test
    void expirable_packets_are_capped_by_the_limit() {
        Set<PacketId> expirable = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            expirable.add(stored(aPacket().statusChangedAt(T0.plusSeconds(i))).id());
        }

        List<Packet> found = packets.findExpirable(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(1)), 2);

        assertThat(found).hasSize(2);
        assertThat(expirable).containsAll(found.stream().map(Packet::id).toList());
    }

    @Test
    void purging_deletes_old_terminal_packets_with_their_history_and_deliveries() {
        Instant cutoff = T0.plus(Duration.ofDays(7));
        Packet completed = stored(aPacket().status(PacketStatus.COMPLETED).updatedAt(T0));
        Packet failed = stored(aPacket().status(PacketStatus.FAILED).updatedAt(cutoff.minusNanos(1000)));
        Packet expiredAtCutoff = stored(aPacket().status(PacketStatus.EXPIRED).updatedAt(cutoff));
        Packet recent = stored(aPacket().status(PacketStatus.COMPLETED).updatedAt(cutoff.plusSeconds(1)));
        Packet active = stored(aPacket().updatedAt(T0));
        Packet foreign = stored(aPacket().tenant(GLOBEX).status(PacketStatus.COMPLETED).updatedAt(T0));
        Webhook webhook = WebhookFixtures.aWebhook().build();
        stores.webhooks().insert(webhook);
        Delivery purgedDelivery = DeliveryFixtures.aDelivery(webhook, completed).build();
        Delivery keptDelivery = DeliveryFixtures.aDelivery(webhook, recent).build();
        stores.deliveries().insert(List.of(purgedDelivery, keptDelivery));
        AuditEntry purgedEvent = AuditFixtures.historyOf(completed.id()).build();
        AuditEntry keptEvent = AuditFixtures.historyOf(recent.id()).build();
        stores.audit().append(List.of(purgedEvent, keptEvent));

        assertThat(packets.purgeTerminal(ACME, cutoff)).isEqualTo(2);

        assertThat(packets.find(ACME, completed.id())).isEmpty();
        assertThat(packets.find(ACME, failed.id())).isEmpty();
        assertThat(stores.audit().history(ACME, completed.id())).isEmpty();
        assertThat(stores.deliveries().find(ACME, purgedDelivery.id())).isEmpty();
        assertThat(packets.find(ACME, expiredAtCutoff.id())).contains(expiredAtCutoff);
        assertThat(packets.find(ACME, recent.id())).contains(recent);
        assertThat(packets.find(ACME, active.id())).contains(active);
        assertThat(packets.find(GLOBEX, foreign.id())).contains(foreign);
        assertThat(stores.audit().history(ACME, recent.id())).containsExactly(keptEvent);
        assertThat(stores.deliveries().find(ACME, keptDelivery.id())).isPresent();
    }

    // --- search -----------------------------------------------------------------------------------------------

    @Test
    void search_matches_summary_tags_conversation_and_decisions_case_insensitively() {
        Packet bySummary = stored(aPacket().summary("Customer asks about an INVOICE").createdAt(minutes(1)));
        Packet byTag = stored(aPacket().summary("Tagged only").tags("invoice").createdAt(minutes(2)));
        Packet byConversation = stored(aPacket().summary("Chat").conversation("Where is my Invoice?")
                .createdAt(minutes(3)));
        Packet byDecision = stored(aPacket().summary("Decided").decisions("Resend the invoice")
                .createdAt(minutes(4)));
        stored(aPacket().summary("Nothing relevant").custom(Map.of("note", "invoice")).createdAt(minutes(5)));

        PacketPage page = packets.search(ACME, search("invoice"));

        // one occurrence each: their order is the store's relevance measure (SQLite's BM25 favours short texts)
        assertThat(page.packets()).containsExactlyInAnyOrder(byDecision, byConversation, byTag, bySummary);
        assertThat(page.total()).isEqualTo(4);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void search_requires_every_word_to_match() {
        Packet both = stored(aPacket().summary("Refund for the duplicate invoice"));
        stored(aPacket().summary("Refund requested"));
        stored(aPacket().summary("Invoice attached"));

        assertThat(packets.search(ACME, search("refund", "invoice")).packets()).containsExactly(both);
        assertThat(packets.search(ACME, search("refund", "nonexistent")).total()).isZero();
    }

    @Test
    void search_orders_better_matches_first_then_newest() {
        Packet once = stored(aPacket().summary("Refund the order").createdAt(minutes(3)));
        Packet often = stored(aPacket().summary("Refund refund refund").decisions("Refund approved")
                .createdAt(minutes(1)));
        Packet onceOlder = stored(aPacket().summary("Refund the order").createdAt(minutes(2)));

        assertThat(packets.search(ACME, search("refund")).packets()).containsExactly(often, once, onceOlder);
    }

    @Test
    void search_filters_status_and_priority_and_pages_with_the_full_total() {
        Packet a = stored(aPacket().summary("refund a").priority(Priority.HIGH).createdAt(minutes(1)));
        Packet b = stored(aPacket().summary("refund b").priority(Priority.HIGH).claimedBy("x")
                .createdAt(minutes(2)));
        Packet c = stored(aPacket().summary("refund c").priority(Priority.LOW).createdAt(minutes(3)));
        Packet d = stored(aPacket().summary("refund d").priority(Priority.HIGH).createdAt(minutes(4)));

        assertThat(packets.search(ACME, new SearchQuery(List.of("refund"), Set.of(PacketStatus.CREATED), null,
                50, 0)).packets()).containsExactly(d, c, a);
        assertThat(packets.search(ACME, new SearchQuery(List.of("refund"), Set.of(), Priority.HIGH, 50, 0))
                .packets()).containsExactly(d, b, a);
        PacketPage page = packets.search(ACME, new SearchQuery(List.of("refund"), Set.of(), null, 2, 1));
        assertThat(page.packets()).containsExactly(c, b);
        assertThat(page.total()).isEqualTo(4);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void search_matches_other_forms_of_a_word_through_english_stemming() {
        Packet refunds = stored(aPacket().summary("Two refunds were requested").createdAt(minutes(1)));
        Packet refunded = stored(aPacket().summary("Order refunded").decisions("Cancelled the upgrade")
                .createdAt(minutes(2)));
        stored(aPacket().summary("Refurbished laptop").createdAt(minutes(3)));

        assertThat(packets.search(ACME, search("refunding")).packets()).containsExactlyInAnyOrder(refunded, refunds);
        assertThat(packets.search(ACME, search("cancellation", "upgrades")).packets()).containsExactly(refunded);
    }

    @Test
    void search_ignores_stop_words_in_the_query() {
        Packet packet = stored(aPacket().summary("Refund requested"));

        assertThat(packets.search(ACME, search("the", "refund")).packets()).containsExactly(packet);
        assertThat(packets.search(ACME, search("the", "and")).total()).isZero();
    }

    @Test
    void a_search_without_words_finds_nothing() {
        stored(aPacket().summary("anything"));

        PacketPage page = packets.search(ACME, new SearchQuery(List.of(), Set.of(), null, 50, 0));

        assertThat(page.packets()).isEmpty();
        assertThat(page.total()).isZero();
    }

    @Test
    void search_sees_updates_immediately() {
        Packet packet = stored(aPacket().summary("Upgrade request"));
        Packet renamed = packet.withContent(m -> m.context = new PacketContext("Cancellation request",
                m.context.conversationState(), m.context.artifacts(), m.context.custom()), T0.plusSeconds(1));

        packets.update(renamed, PacketStatus.CREATED);

        assertThat(packets.search(ACME, search("cancellation")).packets()).containsExactly(renamed);
        assertThat(packets.search(ACME, search("upgrade")).total()).isZero();
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private List<PacketId> ids(PacketQueries.Builder query) {
        return packets.list(ACME, query.build()).packets().stream().map(Packet::id).toList();
    }

    private Optional<Packet> nextClaimable(String targetAgent, Set<String> tags) {
        return stores.transactor().inTransaction(() -> packets.lockNextClaimable(ACME, targetAgent, tags));
    }

    private static Packet claim(Packet packet) {
        return packet.claimedBy(AgentInfo.of("worker", "Worker"), packet.createdAt().plusSeconds(1));
    }

    private static SearchQuery search(String... words) {
        return new SearchQuery(List.of(words), Set.of(), null, 50, 0);
    }

    private static Instant minutes(long n) {
        return T0.plus(Duration.ofMinutes(n));
    }
}
