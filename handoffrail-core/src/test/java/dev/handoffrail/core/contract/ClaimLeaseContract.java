package dev.handoffrail.core.contract;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.HandoffRailBuilder;
import dev.handoffrail.core.RailObserver;
import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Lease;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketPatch;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.in.ClaimPacketUseCase.ClaimNextCommand;
import dev.handoffrail.core.port.in.ClaimPacketUseCase.ClaimedPacket;
import dev.handoffrail.core.port.in.Claimant;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.MutableClock;
import dev.handoffrail.core.testing.TenantFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Claim leases (issue 14) through the public rail over one set of stores: in memory, SQLite and PostgreSQL run the
 * same tests. The rail's clock is a {@link MutableClock}, so a lease expires when a test says so.
 */
public abstract class ClaimLeaseContract {
    private static final AgentInfo SALES = AgentInfo.of("sales-01", "SalesBot");
    private static final AgentInfo BILLING = AgentInfo.of("billing-01", "BillingBot");
    private static final Claimant FIRST = new Claimant("worker-1", "Worker 1", null);
    private static final Claimant SECOND = new Claimant("worker-2", "Worker 2", null);
    private static final Duration MINUTE = Duration.ofSeconds(60);

    private final MutableClock clock = MutableClock.atT0();
    private final List<DomainEvent> events = new CopyOnWriteArrayList<>();
    private final Caller caller = new Caller(ACME, ApiKeyId.random(), "hr_agent", Role.ADMIN, false);
    private HandoffRail rail;

    /** A builder over the stores under test, holding {@code tenant}; the contract adds clock, settings, observer. */
    protected abstract HandoffRailBuilder storesWith(Tenant tenant);

    private HandoffRail rail(RailSettings settings) {
        Tenant tenant = TenantFixtures.aTenant().id(ACME).tier(Tier.BUSINESS).handoffsPerDay(100_000).build();
        rail = storesWith(tenant).clock(clock).settings(settings).observer(new RailObserver() {
            @Override
            public void packetEvent(DomainEvent event) {
                events.add(event);
            }
        }).build();
        return rail;
    }

    private HandoffRail rail() {
        return rail(RailSettings.defaults());
    }

    @AfterEach
    void closeRail() {
        if (rail != null) {
            rail.close();
        }
    }

    @Test
    void a_lease_is_extended_by_heartbeats_released_on_expiry_and_its_old_token_changes_nothing() {
        HandoffRail rail = rail();
        Packet created = newPacket(rail);

        ClaimedPacket first = rail.claimPacket().claim(caller, created.id(), FIRST, MINUTE);
        assertThat(first.leaseToken()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(first.packet().lease().expiresAt()).isEqualTo(T0.plusSeconds(60));
        clock.advance(Duration.ofSeconds(50));
        Packet extended = rail.claimPacket().heartbeat(caller, created.id(), first.leaseToken(), null);
        assertThat(extended.lease().expiresAt()).isEqualTo(T0.plusSeconds(110));
        clock.advance(Duration.ofSeconds(50));
        assertThat(rail.expirySweeper().runOnce()).isZero();

        clock.advance(Duration.ofSeconds(10));
        assertThat(rail.expirySweeper().runOnce()).isEqualTo(1);
        Packet released = rail.queryPackets().get(caller, created.id());
        assertThat(released.status()).isEqualTo(PacketStatus.CREATED);
        assertThat(released.targetAgent()).isEqualTo(BILLING);
        assertThat(released.lease().held()).isFalse();
        assertThat(released.lease().releases()).isEqualTo(1);
        assertThat(released.lease().previousClaimant()).isEqualTo(FIRST.asAgent());
        List<AuditEntry> history = rail.queryPackets().history(caller, created.id());
        assertThat(history.get(history.size() - 1).action()).isEqualTo("lease_expired");
        assertThat(events.get(events.size() - 1).type()).isEqualTo(EventType.PACKET_RELEASED);
        assertThat(events.get(events.size() - 1).data()).containsEntry("status", "created")
                .containsEntry("previous_status", "claimed").containsEntry("releases", 1);

        ClaimedPacket second = rail.claimPacket().claim(caller, created.id(), SECOND, MINUTE);
        assertThat(second.packet().targetAgent()).isEqualTo(SECOND.asAgent());
        assertThat(code(() -> rail.updatePacket().update(caller, created.id(),
                PacketPatch.status(PacketStatus.COMPLETED), first.leaseToken()))).isEqualTo(ErrorCode.LEASE_LOST);
        assertThat(code(() -> rail.claimPacket().heartbeat(caller, created.id(), first.leaseToken(), null)))
                .isEqualTo(ErrorCode.LEASE_LOST);
        Packet unchanged = rail.queryPackets().get(caller, created.id());
        assertThat(unchanged).isEqualTo(second.packet());

        Packet done = rail.updatePacket().update(caller, created.id(), PacketPatch.status(PacketStatus.COMPLETED),
                second.leaseToken());
        assertThat(done.status()).isEqualTo(PacketStatus.COMPLETED);
        assertThat(done.lease().held()).isFalse();
    }

    @Test
    void only_the_hash_of_the_token_is_kept() {
        HandoffRail rail = rail();
        ClaimedPacket claimed = rail.claimPacket().claim(caller, newPacket(rail).id(), FIRST, MINUTE);

        Lease stored = rail.queryPackets().get(caller, claimed.packet().id()).lease();

        assertThat(stored.tokenHash()).isEqualTo(Lease.hash(claimed.leaseToken())).isNotEqualTo(claimed.leaseToken());
        assertThat(stored.seconds()).isEqualTo(60);
        assertThat(stored.queuedTarget()).isEqualTo(BILLING);
    }

    @Test
    void the_leaseholder_moves_the_packet_with_its_token_and_not_without() {
        HandoffRail rail = rail();
        ClaimedPacket claimed = rail.claimPacket().claim(caller, newPacket(rail).id(), FIRST, MINUTE);
        PacketId id = claimed.packet().id();

        assertThat(code(() -> rail.updatePacket().update(caller, id, PacketPatch.status(PacketStatus.IN_PROGRESS))))
                .isEqualTo(ErrorCode.LEASE_LOST);
        assertThat(code(() -> rail.updatePacket().update(caller, id, PacketPatch.status(PacketStatus.IN_PROGRESS),
                "not-the-token"))).isEqualTo(ErrorCode.LEASE_LOST);
        Packet working = rail.updatePacket().update(caller, id, PacketPatch.status(PacketStatus.IN_PROGRESS),
                claimed.leaseToken());

        assertThat(working.status()).isEqualTo(PacketStatus.IN_PROGRESS);
        assertThat(working.lease().held()).isTrue();
        assertThat(rail.claimPacket().heartbeat(caller, id, claimed.leaseToken(), Duration.ofSeconds(300))
                .lease().expiresAt()).isEqualTo(T0.plusSeconds(300));
    }

    @Test
    void chaining_with_the_parents_token_works_and_with_a_stale_one_creates_nothing() {
        HandoffRail rail = rail();
        PacketId parent = newPacket(rail).id();
        ClaimedPacket first = rail.claimPacket().claim(caller, parent, FIRST, Duration.ofSeconds(5));
        PacketDraft followUp = PacketDraft.of(BILLING, SALES, "Follow-up");

        Packet child = rail.createPacket().chain(caller, parent, followUp, first.leaseToken());
        clock.advance(Duration.ofSeconds(5));
        rail.expirySweeper().runOnce();
        long before = rail.queryPackets().list(caller, PacketQuery.all()).total();

        assertThat(child.parentId()).isEqualTo(parent);
        assertThat(code(() -> rail.createPacket().chain(caller, parent, followUp, first.leaseToken())))
                .isEqualTo(ErrorCode.LEASE_LOST);
        assertThat(rail.queryPackets().list(caller, PacketQuery.all()).total())
                .isEqualTo(before);
    }

    @Test
    void a_packet_claimed_without_a_lease_behaves_as_before_and_refuses_a_token() {
        HandoffRail rail = rail();
        Packet claimed = rail.claimPacket().claim(caller, newPacket(rail).id(), FIRST);

        assertThat(claimed.lease()).isEqualTo(Lease.NONE);
        assertThat(code(() -> rail.updatePacket().update(caller, claimed.id(),
                PacketPatch.status(PacketStatus.COMPLETED), "some-token"))).isEqualTo(ErrorCode.LEASE_LOST);
        assertThat(code(() -> rail.claimPacket().heartbeat(caller, claimed.id(), "some-token", null)))
                .isEqualTo(ErrorCode.LEASE_LOST);
        clock.advance(Duration.ofHours(1));
        assertThat(rail.expirySweeper().runOnce()).isZero();
        assertThat(rail.updatePacket().update(caller, claimed.id(), PacketPatch.status(PacketStatus.COMPLETED))
                .status()).isEqualTo(PacketStatus.COMPLETED);
    }

    @Test
    void an_expired_lease_not_yet_swept_is_lost_already() {
        HandoffRail rail = rail();
        ClaimedPacket claimed = rail.claimPacket().claim(caller, newPacket(rail).id(), FIRST, Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));

        assertThat(code(() -> rail.claimPacket().heartbeat(caller, claimed.packet().id(), claimed.leaseToken(),
                null))).isEqualTo(ErrorCode.LEASE_LOST);
        assertThat(rail.queryPackets().get(caller, claimed.packet().id())).isEqualTo(claimed.packet());
    }

    @Test
    void a_packet_released_too_often_fails_with_its_reason() {
        HandoffRail rail = rail(RailSettings.defaults().withLeaseMaxReleases(1));
        PacketId id = newPacket(rail).id();
        rail.claimPacket().claim(caller, id, FIRST, MINUTE);
        clock.advance(MINUTE);
        assertThat(rail.expirySweeper().runOnce()).isEqualTo(1);
        rail.claimPacket().claim(caller, id, SECOND, MINUTE);
        clock.advance(MINUTE);

        assertThat(rail.expirySweeper().runOnce()).isEqualTo(1);

        Packet failed = rail.queryPackets().get(caller, id);
        assertThat(failed.status()).isEqualTo(PacketStatus.FAILED);
        assertThat(failed.lease().held()).isFalse();
        assertThat(failed.lease().previousClaimant()).isEqualTo(SECOND.asAgent());
        DomainEvent last = events.get(events.size() - 1);
        assertThat(last.type()).isEqualTo(EventType.PACKET_FAILED);
        assertThat(last.data()).containsEntry("reason", "lease_expired_too_often");
    }

    @Test
    void claim_next_takes_a_lease_and_a_released_packet_is_claimable_again() {
        HandoffRail rail = rail();
        PacketId id = newPacket(rail).id();
        ClaimNextCommand next = new ClaimNextCommand(FIRST, "billing-01", Set.of(), Duration.ZERO);

        ClaimedPacket taken = rail.claimPacket().claimNext(caller, next, MINUTE).orElseThrow();
        assertThat(taken.packet().id()).isEqualTo(id);
        assertThat(taken.leaseToken()).isNotNull();
        assertThat(rail.claimPacket().claimNext(caller, next, MINUTE)).isEmpty();
        clock.advance(MINUTE);
        rail.expirySweeper().runOnce();

        ClaimedPacket again = rail.claimPacket().claimNextAsync(caller,
                new ClaimNextCommand(SECOND, "billing-01", Set.of(), Duration.ZERO), MINUTE).join().orElseThrow();
        assertThat(again.packet().id()).isEqualTo(id);
        assertThat(again.leaseToken()).isNotEqualTo(taken.leaseToken());
    }

    @Test
    void a_lease_length_outside_five_seconds_to_a_day_is_refused() {
        HandoffRail rail = rail();
        PacketId id = newPacket(rail).id();

        assertThatThrownBy(() -> rail.claimPacket().claim(caller, id, FIRST, Duration.ofSeconds(4)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.VALIDATION_ERROR));
        assertThatThrownBy(() -> rail.claimPacket().claim(caller, id, FIRST, Duration.ofSeconds(86_401)))
                .isInstanceOf(ValidationException.class);
        assertThat(rail.queryPackets().get(caller, id).status()).isEqualTo(PacketStatus.CREATED);
    }

    /**
     * 32 agents take packets with claim-next under 5-second leases; every seventh take is abandoned (a crash), and
     * a sweeper thread advances the clock past every lease and releases them, so late agents also lose packets
     * they are completing. Every packet ends completed by exactly one successful PATCH.
     */
    @Test
    @Timeout(120)
    void thirty_two_agents_with_leases_and_a_sweeper_complete_every_packet_exactly_once() throws Exception {
        HandoffRail rail = rail(RailSettings.defaults().withLeaseMaxReleases(1_000));
        int packets = 150;
        List<PacketId> ids = new ArrayList<>();
        for (int i = 0; i < packets; i++) {
            ids.add(newPacket(rail).id());
        }
        Map<PacketId, AtomicInteger> completions = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger takes = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        Semaphore abandoned = new Semaphore(0);
        ExecutorService pool = Executors.newFixedThreadPool(33);
        try {
            List<Future<?>> agents = new ArrayList<>();
            for (int a = 0; a < 32; a++) {
                Claimant agent = new Claimant("agent-" + a, "Agent " + a, null);
                agents.add(pool.submit(() -> {
                    ClaimNextCommand command = new ClaimNextCommand(agent, "billing-01", Set.of(),
                            Duration.ofMillis(200));
                    while (done.get() < packets) {
                        Optional<ClaimedPacket> taken = rail.claimPacket().claimNext(caller, command,
                                Duration.ofSeconds(5));
                        if (taken.isEmpty()) {
                            continue;
                        }
                        if (takes.incrementAndGet() % 7 == 0) {
                            abandoned.release();
                            continue;
                        }
                        PacketId id = taken.get().packet().id();
                        try {
                            rail.updatePacket().update(caller, id, PacketPatch.status(PacketStatus.COMPLETED),
                                    taken.get().leaseToken());
                            completions.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                            done.incrementAndGet();
                        } catch (HandoffRailException e) {
                            assertThat(e.code()).isEqualTo(ErrorCode.LEASE_LOST);
                            lost.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            Future<?> sweeper = pool.submit(() -> {
                while (done.get() < packets) {
                    if (abandoned.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                        clock.advance(Duration.ofSeconds(6));
                    }
                    rail.expirySweeper().runOnce();
                }
                return null;
            });
            for (Future<?> agent : agents) {
                agent.get(110, TimeUnit.SECONDS);
            }
            sweeper.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(completions).hasSize(packets);
        assertThat(completions.values()).allMatch(count -> count.get() == 1);
        assertThat(done).hasValue(packets);
        for (PacketId id : ids) {
            assertThat(rail.queryPackets().get(caller, id).status()).isEqualTo(PacketStatus.COMPLETED);
        }
        assertThat(events.stream().filter(e -> e.type() == EventType.PACKET_RELEASED).count())
                .isGreaterThanOrEqualTo(takes.get() / 7);
    }

    private Packet newPacket(HandoffRail rail) {
        return rail.createPacket().create(caller, PacketDraft.of(SALES, BILLING, "Handoff"));
    }

    private static ErrorCode code(Runnable call) {
        try {
            call.run();
        } catch (HandoffRailException e) {
            return e.code();
        }
        throw new AssertionError("expected a refusal");
    }
}
