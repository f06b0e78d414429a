package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.ServiceHarness.BILLING;
import static dev.handoffrail.core.service.ServiceHarness.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.port.in.ClaimPacketUseCase.ClaimNextCommand;
import dev.handoffrail.core.port.in.Claimant;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.testing.PacketFixtures;
import dev.handoffrail.core.testing.Race;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClaimNextTest {
    private static final Duration NO_WAIT = Duration.ZERO;
    private static final Duration LONG_WAIT = Duration.ofSeconds(30);

    @Test
    void claim_next_takes_the_highest_priority_then_the_oldest_packet() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet low = createAfter(h, Priority.LOW);
            Packet olderNormal = createAfter(h, Priority.NORMAL);
            Packet critical = createAfter(h, Priority.CRITICAL);
            Packet newerNormal = createAfter(h, Priority.NORMAL);
            Packet high = createAfter(h, Priority.HIGH);

            List<PacketId> order = List.of(next(h, "billing-01"), next(h, "billing-01"), next(h, "billing-01"),
                    next(h, "billing-01"), next(h, "billing-01"));

            assertThat(order).containsExactly(critical.id(), high.id(), olderNormal.id(), newerNormal.id(),
                    low.id());
            assertThat(take(h, "billing-01", Set.of(), NO_WAIT)).isEmpty();
        }
    }

    @Test
    void claim_next_claims_like_a_claim_and_says_so_in_the_history() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.newPacket();
            h.clearEvents();

            Packet claimed = take(h, "billing-01", Set.of(), NO_WAIT).orElseThrow();

            assertThat(claimed.id()).isEqualTo(packet.id());
            assertThat(claimed.status()).isEqualTo(PacketStatus.CLAIMED);
            assertThat(claimed.targetAgent()).isEqualTo(BILLING);
            assertThat(h.history(packet.id()).get(1).details()).containsExactly(entry("agent_name", "BillingBot"),
                    entry("framework", "crewai"),
                    entry("previous_target_agent", Map.of("id", "billing-01", "name", "BillingBot",
                            "framework", "crewai")),
                    entry("via", "claim_next"));
            assertThat(h.observedTypes()).containsExactly(EventType.PACKET_CLAIMED);
        }
    }

    @Test
    void claim_next_takes_only_packets_for_its_target_and_with_all_its_tags() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet forOther = h.service.create(h.writer, ServiceHarness.draft("sales-01", "support-01"));
            Packet tagged = h.service.create(h.writer, draft().withTags(List.of("vip", "eu")));

            assertThat(take(h, "billing-01", Set.of("vip", "us"), NO_WAIT)).isEmpty();
            assertThat(take(h, "billing-01", Set.of("vip"), NO_WAIT)).map(Packet::id).contains(tagged.id());
            assertThat(take(h, "billing-01", Set.of(), NO_WAIT)).isEmpty();
            assertThat(take(h, "*", Set.of(), NO_WAIT)).map(Packet::id).contains(forOther.id());
        }
    }

    @Test
    void a_null_target_takes_packets_addressed_to_any_agent() {
        try (ServiceHarness h = ServiceHarness.create()) {
            Packet packet = h.service.create(h.writer, ServiceHarness.draft("sales-01", "support-01"));

            assertThat(take(h, null, Set.of(), NO_WAIT)).map(Packet::id).contains(packet.id());
        }
    }

    @Test
    void claim_next_waits_and_is_woken_by_a_new_packet() throws Exception {
        try (ServiceHarness h = ServiceHarness.create()) {
            ExecutorService worker = Executors.newSingleThreadExecutor();
            try {
                CountDownLatch started = new CountDownLatch(1);
                Future<Optional<Packet>> waiting = worker.submit(() -> {
                    started.countDown();
                    return take(h, "billing-01", Set.of(), LONG_WAIT);
                });
                assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
                awaitParked(h.service, 1);

                Packet packet = h.newPacket();

                Optional<Packet> taken = waiting.get(10, TimeUnit.SECONDS);
                assertThat(taken).map(Packet::id).contains(packet.id());
                assertThat(h.stored(packet.id()).status()).isEqualTo(PacketStatus.CLAIMED);
                assertThat(h.service.claimNextWaiting()).isZero();
            } finally {
                worker.shutdownNow();
            }
        }
    }

    @Test
    void an_async_claim_next_returns_at_once_and_completes_with_the_packet_created_later() throws Exception {
        try (ServiceHarness h = ServiceHarness.create()) {
            CompletableFuture<Optional<Packet>> waiting = h.service.claimNextAsync(h.agent,
                    new ClaimNextCommand(Claimant.of(BILLING), "billing-01", Set.of(), LONG_WAIT));
            assertThat(waiting).isNotDone();
            assertThat(h.service.claimNextWaiting()).isEqualTo(1);

            Packet packet = h.newPacket();

            assertThat(waiting.get(10, TimeUnit.SECONDS)).map(Packet::id).contains(packet.id());
            assertThat(h.stored(packet.id()).status()).isEqualTo(PacketStatus.CLAIMED);
        }
    }

    @Test
    void an_async_claim_next_with_nothing_to_take_completes_empty_after_its_wait() throws Exception {
        try (ServiceHarness h = ServiceHarness.create()) {
            CompletableFuture<Optional<Packet>> waiting = h.service.claimNextAsync(h.agent,
                    new ClaimNextCommand(Claimant.of(BILLING), "billing-01", Set.of(), Duration.ofMillis(200)));

            assertThat(waiting.get(10, TimeUnit.SECONDS)).isEmpty();
        }
    }

    @Test
    void a_packet_whose_wake_up_was_lost_is_taken_by_the_last_attempt_at_the_deadline() throws Exception {
        try (ServiceHarness h = ServiceHarness.create()) {
            CompletableFuture<Optional<Packet>> waiting = h.service.claimNextAsync(h.agent,
                    new ClaimNextCommand(Claimant.of(BILLING), "billing-01", Set.of(), Duration.ofMillis(300)));
            Packet unannounced = h.insert(PacketFixtures.aPacket());

            assertThat(waiting.get(10, TimeUnit.SECONDS)).map(Packet::id).contains(unannounced.id());
            assertThat(h.stored(unannounced.id()).status()).isEqualTo(PacketStatus.CLAIMED);
        }
    }

    @Test
    void many_async_waiters_share_the_new_packets_and_each_packet_goes_to_exactly_one() throws Exception {
        try (ServiceHarness h = ServiceHarness.create()) {
            List<CompletableFuture<Optional<Packet>>> waiting = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                waiting.add(h.service.claimNextAsync(h.agent,
                        new ClaimNextCommand(Claimant.of(BILLING), "billing-01", Set.of(), LONG_WAIT)));
            }
            Set<PacketId> created = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                created.add(h.newPacket().id());
            }

            List<PacketId> taken = new ArrayList<>();
            for (CompletableFuture<Optional<Packet>> call : waiting) {
                taken.add(call.get(10, TimeUnit.SECONDS).orElseThrow().id());
            }
            assertThat(taken).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        }
    }

    @Test
    void closing_the_service_ends_a_waiting_claim_next_with_nothing() throws Exception {
        ServiceHarness h = ServiceHarness.create();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<Packet>> waiting = worker.submit(() -> take(h, "billing-01", Set.of(), LONG_WAIT));
            awaitParked(h.service, 1);

            h.service.close();

            assertThat(waiting.get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(take(h, "billing-01", Set.of(), LONG_WAIT)).isEmpty();
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void concurrent_claim_next_calls_never_take_the_same_packet() throws Exception {
        try (ServiceHarness h = ServiceHarness.create()) {
            for (int i = 0; i < 8; i++) {
                h.newPacket();
            }

            List<PacketId> taken = Race.run(12, () -> take(h, "billing-01", Set.of(), NO_WAIT)
                    .map(Packet::id).orElse(null));

            assertThat(taken.stream().filter(id -> id != null).distinct()).hasSize(8);
            assertThat(taken).filteredOn(id -> id == null).hasSize(4);
        }
    }

    @Test
    void claim_next_refuses_a_wait_beyond_thirty_seconds_and_too_many_tags() {
        try (ServiceHarness h = ServiceHarness.create()) {
            assertThatThrownBy(() -> take(h, "billing-01", Set.of(), Duration.ofSeconds(31)))
                    .isInstanceOfSatisfying(HandoffRailException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
                        assertThat(e.field()).isEqualTo("wait_seconds");
                    });
            Set<String> tags = new HashSet<>();
            for (int i = 0; i < 33; i++) {
                tags.add("t" + i);
            }
            assertThatThrownBy(() -> take(h, "billing-01", tags, NO_WAIT))
                    .extracting(e -> ((HandoffRailException) e).field()).isEqualTo("tags");
        }
    }

    @Test
    void claim_next_applies_the_agent_quota() {
        try (ServiceHarness h = ServiceHarness.withTier(Tier.FREE)) {
            Packet packet = h.service.create(h.writer, ServiceHarness.draft("a", "b"));
            h.service.create(h.writer, ServiceHarness.draft("b", "a"));

            assertThatThrownBy(() -> h.service.claimNext(h.agent,
                    new ClaimNextCommand(Claimant.of(AgentInfo.of("c", "C")), "b", Set.of(), NO_WAIT)))
                    .extracting(e -> ((HandoffRailException) e).code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
            assertThat(h.stored(packet.id()).status()).isEqualTo(PacketStatus.CREATED);
        }
    }

    private static Packet createAfter(ServiceHarness h, Priority priority) {
        h.clock.advance(Duration.ofSeconds(1));
        return h.service.create(h.writer, draft().withPriority(priority));
    }

    private static PacketId next(ServiceHarness h, String target) {
        return take(h, target, Set.of(), NO_WAIT).orElseThrow().id();
    }

    private static Optional<Packet> take(ServiceHarness h, String target, Set<String> tags, Duration wait) {
        return h.service.claimNext(h.agent, new ClaimNextCommand(Claimant.of(BILLING), target, tags, wait));
    }

    /** Spins (no sleeping) until {@code count} claim-next calls are parked, for at most ten seconds. */
    private static void awaitParked(PacketService service, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (service.claimNextWaiting() < count) {
            assertThat(System.nanoTime()).as("claim-next call parked in time").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
