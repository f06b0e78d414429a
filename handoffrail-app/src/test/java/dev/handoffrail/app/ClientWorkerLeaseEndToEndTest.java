package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.client.HandoffRailClient;
import dev.handoffrail.client.InvalidRequestException;
import dev.handoffrail.client.LeaseLostException;
import dev.handoffrail.client.LeaseLostListener.LeaseLost;
import dev.handoffrail.client.LeaseLostListener.Stage;
import dev.handoffrail.client.Worker;
import dev.handoffrail.client.model.AgentInfo;
import dev.handoffrail.client.model.ClaimNextOptions;
import dev.handoffrail.client.model.HistoryEvent;
import dev.handoffrail.client.model.HitlCheckpoint;
import dev.handoffrail.client.model.LeasedPacket;
import dev.handoffrail.client.model.NewPacket;
import dev.handoffrail.client.model.Packet;
import dev.handoffrail.client.model.PacketStatus;
import dev.handoffrail.client.model.PacketUpdate;
import dev.handoffrail.client.model.Tier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claim leases through the client (issue 16 on top of issue 14): the plain calls (claim with a lease, heartbeat,
 * PATCH and chain with the token) and the worker that heartbeats while its handler runs and reports a lost lease.
 * The server sweeps every second so that an expired lease is released promptly; every wait is on a condition.
 */
class ClientWorkerLeaseEndToEndTest {
    private static final AgentInfo BILLING = AgentInfo.of("billing-01", "BillingBot");
    private static final AgentInfo OTHER = AgentInfo.of("billing-02", "OtherBot");
    private static final Duration SHORT_LEASE = Duration.ofSeconds(5);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static ClientTestServer server;

    @BeforeAll
    static void startServer() {
        server = ClientTestServer.start(dir, Map.of("HR_SWEEP_INTERVAL_SECONDS", "1"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static NewPacket packet(String summary) {
        return NewPacket.builder().from("sales-01", "SalesBot").to("billing-01", "BillingBot").summary(summary)
                .build();
    }

    private static List<String> history(HandoffRailClient rail, String id) {
        return rail.packets().history(id).events().stream().map(HistoryEvent::eventType).toList();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void a_claim_with_a_lease_returns_its_token_and_expiry_and_a_heartbeat_extends_it() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet created = rail.packets().create(packet("bill the upgrade"));
        Instant before = Instant.now();

        LeasedPacket claimed = rail.packets().claim(created.id(), BILLING, Duration.ofSeconds(60));

        assertThat(claimed.leased()).isTrue();
        assertThat(claimed.packet().id()).isEqualTo(created.id());
        assertThat(claimed.packet().status()).isEqualTo(PacketStatus.CLAIMED);
        assertThat(claimed.lease().token()).isNotBlank();
        assertThat(claimed.lease().expiresAt()).isAfter(before.plusSeconds(50)).isBefore(before.plusSeconds(70));
        assertThat(claimed.lease().toString()).doesNotContain(claimed.lease().token());

        LeasedPacket extended = rail.packets().heartbeat(created.id(), claimed.lease().token(),
                Duration.ofSeconds(600));
        assertThat(extended.lease().token()).isEqualTo(claimed.lease().token());
        assertThat(extended.lease().expiresAt()).isAfter(before.plusSeconds(590));
        assertThat(extended.packet().status()).isEqualTo(PacketStatus.CLAIMED);

        assertThat(rail.packets().complete(created.id(), claimed.lease().token()).status())
                .isEqualTo(PacketStatus.COMPLETED);
    }

    @Test
    void a_leased_packet_refuses_a_completion_without_or_with_a_wrong_token_as_lease_lost() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet created = rail.packets().create(packet("guarded"));
        LeasedPacket claimed = rail.packets().claimNext(BILLING, ClaimNextOptions.defaults(), Duration.ofSeconds(60))
                .orElseThrow();

        assertThatThrownBy(() -> rail.packets().complete(created.id()))
                .isInstanceOfSatisfying(LeaseLostException.class, e -> {
                    assertThat(e.code()).isEqualTo("LEASE_LOST");
                    assertThat(e.statusCode()).isEqualTo(409);
                });
        assertThatThrownBy(() -> rail.packets().fail(created.id(), "not-the-token"))
                .isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> rail.packets().heartbeat(created.id(), "not-the-token"))
                .isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> rail.packets().chain(created.id(), packet("follow-up"), null, "not-the-token"))
                .isInstanceOf(LeaseLostException.class);
        assertThat(rail.packets().get(created.id()).status()).isEqualTo(PacketStatus.CLAIMED);

        Packet child = rail.packets().chain(created.id(), packet("follow-up"), null, claimed.lease().token());
        assertThat(child.parentPacketId()).isEqualTo(created.id());
        assertThat(rail.packets().fail(created.id(), claimed.lease().token()).status())
                .isEqualTo(PacketStatus.FAILED);
    }

    @Test
    void a_lease_shorter_than_the_contracts_minimum_is_refused_naming_lease_seconds() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet created = rail.packets().create(packet("too short"));

        assertThatThrownBy(() -> rail.packets().claim(created.id(), BILLING, Duration.ofSeconds(4)))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).contains("lease_seconds"));
        assertThat(rail.packets().get(created.id()).status()).isEqualTo(PacketStatus.CREATED);
        assertThatThrownBy(() -> rail.worker(BILLING).withLeaseSeconds(4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_handler_that_outlives_its_lease_completes_because_the_heartbeats_keep_the_lease() throws Exception {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet created = rail.packets().create(packet("long job"));
        List<LeaseLost> lost = new CopyOnWriteArrayList<>();
        List<PacketStatus> seenByHandler = new CopyOnWriteArrayList<>();
        Worker worker = rail.worker(BILLING).withOptions(ClaimNextOptions.defaults()).withLease(SHORT_LEASE)
                .onLeaseLost(lost::add);

        Optional<Packet> settled = worker.runOnce(packet -> {
            // two and a half leases, with a sweep every second: only heartbeats keep the packet ours
            Thread.sleep(SHORT_LEASE.multipliedBy(5).dividedBy(2).toMillis());
            seenByHandler.add(rail.packets().get(packet.id()).status());
        });

        assertThat(seenByHandler).containsExactly(PacketStatus.CLAIMED);
        assertThat(settled.map(Packet::status)).contains(PacketStatus.COMPLETED);
        assertThat(rail.packets().get(created.id()).status()).isEqualTo(PacketStatus.COMPLETED);
        assertThat(history(rail, created.id())).containsExactly("created", "claimed", "completed");
        assertThat(lost).isEmpty();
    }

    @Test
    void a_worker_whose_lease_ran_out_does_not_overwrite_the_next_claimant_and_reports_the_loss() throws Exception {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet created = rail.packets().create(packet("stalled job"));
        List<LeaseLost> lost = new CopyOnWriteArrayList<>();
        // heartbeats stalled: the first one would come long after the lease ran out
        Worker worker = rail.worker(BILLING).withOptions(ClaimNextOptions.defaults()).withLease(SHORT_LEASE)
                .withHeartbeatInterval(Duration.ofHours(1)).onLeaseLost(lost::add);

        Optional<Packet> settled = worker.runOnce(packet -> {
            await(() -> rail.packets().get(packet.id()).status() == PacketStatus.CREATED,
                    "the sweeper released the expired lease");
            rail.packets().claim(packet.id(), OTHER);
        });

        Packet now = rail.packets().get(created.id());
        assertThat(now.status()).isEqualTo(PacketStatus.CLAIMED);
        assertThat(now.targetAgentId()).isEqualTo("billing-02");
        assertThat(settled).contains(now);
        assertThat(history(rail, created.id())).containsExactly("created", "claimed", "lease_expired", "claimed");
        assertThat(lost).hasSize(1);
        assertThat(lost.get(0).stage()).isEqualTo(Stage.COMPLETION);
        assertThat(lost.get(0).packet().id()).isEqualTo(created.id());
        assertThat(lost.get(0).error().code()).isEqualTo("LEASE_LOST");
        assertThat(lost.get(0).error().statusCode()).isEqualTo(409);
    }

    @Test
    void a_handler_that_throws_after_its_lease_ran_out_does_not_fail_the_packet() throws Exception {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet created = rail.packets().create(packet("stalled and broken"));
        List<LeaseLost> lost = new CopyOnWriteArrayList<>();
        Worker worker = rail.worker(BILLING).withOptions(ClaimNextOptions.defaults()).withLease(SHORT_LEASE)
                .withHeartbeatInterval(Duration.ofHours(1)).onLeaseLost(lost::add);

        Optional<Packet> settled = worker.runOnce(packet -> {
            await(() -> rail.packets().get(packet.id()).status() == PacketStatus.CREATED,
                    "the sweeper released the expired lease");
            throw new IllegalStateException("gateway down");
        });

        assertThat(settled.map(Packet::status)).contains(PacketStatus.CREATED);
        assertThat(rail.packets().get(created.id()).status()).isEqualTo(PacketStatus.CREATED);
        assertThat(history(rail, created.id())).containsExactly("created", "claimed", "lease_expired");
        assertThat(lost).extracting(LeaseLost::stage).containsExactly(Stage.FAILURE);
    }

    @Test
    void a_refused_heartbeat_stops_the_heartbeats_reports_once_and_leaves_the_packet_unsettled() throws Exception {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet created = rail.packets().create(packet("late heartbeat"));
        List<LeaseLost> lost = new CopyOnWriteArrayList<>();
        CountDownLatch reported = new CountDownLatch(1);
        // the first heartbeat comes after the lease ran out: the server refuses it
        Worker worker = rail.worker(BILLING).withOptions(ClaimNextOptions.defaults()).withLease(SHORT_LEASE)
                .withHeartbeatInterval(Duration.ofSeconds(7)).onLeaseLost(event -> {
                    lost.add(event);
                    reported.countDown();
                });

        Optional<Packet> settled = worker.runOnce(packet -> {
            assertThat(reported.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        });

        // not settled by the worker: still ours on the server until the sweeper's next pass, or released already
        assertThat(settled.map(Packet::status).orElseThrow()).isIn(PacketStatus.CLAIMED, PacketStatus.CREATED);
        await(() -> rail.packets().get(created.id()).status() == PacketStatus.CREATED,
                "the sweeper released the expired lease");
        assertThat(history(rail, created.id())).containsExactly("created", "claimed", "lease_expired");
        assertThat(lost).hasSize(1);
        assertThat(lost.get(0).stage()).isEqualTo(Stage.HEARTBEAT);
        assertThat(lost.get(0).error().code()).isEqualTo("LEASE_LOST");
    }

    @Test
    void a_handler_that_hands_a_leased_packet_to_a_human_is_left_alone_without_a_lost_lease_report() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet created = rail.packets().create(packet("needs approval"));
        List<LeaseLost> lost = new CopyOnWriteArrayList<>();

        Optional<Packet> settled = rail.worker(BILLING).withOptions(ClaimNextOptions.defaults())
                .onLeaseLost(lost::add)
                .runOnce(packet -> rail.packets().update(packet.id(),
                        PacketUpdate.status(PacketStatus.AWAITING_HUMAN)
                                .withHitl(HitlCheckpoint.required("over the limit",
                                        "Approve?", List.of("yes", "no")))));

        assertThat(settled.map(Packet::status)).contains(PacketStatus.AWAITING_HUMAN);
        assertThat(rail.packets().get(created.id()).status()).isEqualTo(PacketStatus.AWAITING_HUMAN);
        assertThat(lost).isEmpty();
    }

    @Test
    void a_worker_without_a_lease_claims_and_completes_as_before_leases() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet created = rail.packets().create(packet("no lease"));
        Worker worker = rail.worker(BILLING).withOptions(ClaimNextOptions.defaults()).withoutLease();
        List<String> handled = new CopyOnWriteArrayList<>();

        Optional<Packet> settled = worker.runOnce(packet -> {
            handled.add(packet.id());
            // no lease: a tokenless move by anyone is accepted, as before
            assertThat(rail.packets().update(packet.id(),
                    PacketUpdate.status(PacketStatus.IN_PROGRESS)).status())
                    .isEqualTo(PacketStatus.IN_PROGRESS);
        });

        assertThat(worker.lease()).isEmpty();
        assertThat(handled).containsExactly(created.id());
        assertThat(settled.map(Packet::status)).contains(PacketStatus.COMPLETED);
        assertThat(history(rail, created.id())).containsExactly("created", "claimed", "in_progress", "completed");

        Packet plain = rail.packets().create(packet("plain claim-next"));
        LeasedPacket unleased = rail.packets().claimNext(BILLING, ClaimNextOptions.defaults(), null).orElseThrow();
        assertThat(unleased.packet().id()).isEqualTo(plain.id());
        assertThat(unleased.leased()).isFalse();
        assertThat(unleased.lease()).isNull();
        assertThat(rail.packets().complete(plain.id()).status()).isEqualTo(PacketStatus.COMPLETED);
    }
}
