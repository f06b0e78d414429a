package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.client.HandoffRailClient;
import dev.handoffrail.client.Worker;
import dev.handoffrail.client.model.AgentInfo;
import dev.handoffrail.client.model.ClaimNextOptions;
import dev.handoffrail.client.model.FailedAction;
import dev.handoffrail.client.model.HitlCheckpoint;
import dev.handoffrail.client.model.NewPacket;
import dev.handoffrail.client.model.Packet;
import dev.handoffrail.client.model.PacketStatus;
import dev.handoffrail.client.model.PacketUpdate;
import dev.handoffrail.client.model.Tier;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code client.worker(agent)} against the real server: claim next, handle, complete or fail. */
class ClientWorkerEndToEndTest {
    private static final AgentInfo BILLING = AgentInfo.of("billing-01", "BillingBot");

    @TempDir
    static Path dir;
    private static ClientTestServer server;

    @BeforeAll
    static void startServer() {
        server = ClientTestServer.start(dir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static NewPacket packet(String summary) {
        return NewPacket.builder().from("sales-01", "SalesBot").to("billing-01", "BillingBot").summary(summary)
                .build();
    }

    @Test
    void a_handler_that_returns_completes_the_packet() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet created = rail.packets().create(packet("bill the upgrade"));
        List<String> handled = new CopyOnWriteArrayList<>();
        Worker worker = rail.worker(BILLING).withOptions(ClaimNextOptions.defaults());

        Optional<Packet> settled = worker.runOnce(packet -> handled.add(packet.summary()));

        assertThat(handled).containsExactly("bill the upgrade");
        assertThat(settled.map(Packet::status)).contains(PacketStatus.COMPLETED);
        assertThat(rail.packets().get(created.id()).status()).isEqualTo(PacketStatus.COMPLETED);
        assertThat(worker.runOnce(packet -> handled.add("never"))).isEmpty();
        assertThat(handled).hasSize(1);
    }

    @Test
    void a_handler_that_throws_fails_the_packet_with_the_error_as_a_failed_action() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet created = rail.packets().create(packet("card declined"));

        Optional<Packet> settled = rail.worker(BILLING).withOptions(ClaimNextOptions.defaults())
                .runOnce(packet -> {
                    throw new IllegalStateException("payment gateway refused");
                });

        Packet failed = rail.packets().get(created.id());
        assertThat(settled.map(Packet::status)).contains(PacketStatus.FAILED);
        assertThat(failed.status()).isEqualTo(PacketStatus.FAILED);
        assertThat(failed.actions().failed()).extracting(FailedAction::error)
                .containsExactly("IllegalStateException: payment gateway refused");
        assertThat(failed.actions().failed().get(0).description()).isEqualTo("handler of billing-01 failed");
    }

    @Test
    void a_handler_that_hands_the_packet_to_a_human_is_left_alone() {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Packet created = rail.packets().create(packet("needs approval"));

        Optional<Packet> settled = rail.worker(BILLING).withOptions(ClaimNextOptions.defaults())
                .runOnce(packet -> rail.packets().update(packet.id(), PacketUpdate.status(PacketStatus.AWAITING_HUMAN)
                        .withHitl(HitlCheckpoint.required("over the limit", "Approve?", List.of("yes", "no")))));

        assertThat(settled.map(Packet::status)).contains(PacketStatus.AWAITING_HUMAN);
        assertThat(rail.packets().get(created.id()).status()).isEqualTo(PacketStatus.AWAITING_HUMAN);
    }

    @Test
    void the_worker_loop_drains_packets_as_they_arrive_until_stopped() throws Exception {
        HandoffRailClient rail = server.newTenant(Tier.BUSINESS).client();
        Worker worker = rail.worker(BILLING).withOptions(ClaimNextOptions.defaults().withWaitSeconds(1));
        CountDownLatch handledTwo = new CountDownLatch(2);
        List<String> handled = new CopyOnWriteArrayList<>();
        Thread loop = new Thread(() -> worker.handle(packet -> {
            handled.add(packet.id());
            handledTwo.countDown();
        }), "test-worker");
        loop.start();

        Packet first = rail.packets().create(packet("first"));
        Packet second = rail.packets().create(packet("second"));
        assertThat(handledTwo.await(30, TimeUnit.SECONDS)).isTrue();
        worker.stop();
        loop.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(loop.isAlive()).isFalse();
        assertThat(handled).containsExactly(first.id(), second.id());
        assertThat(rail.packets().get(second.id()).status()).isEqualTo(PacketStatus.COMPLETED);
    }
}
