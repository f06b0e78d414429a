package dev.handoffrail.persistence.sql;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static dev.handoffrail.core.testing.PacketFixtures.aPacket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.port.out.IdempotencyStore;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryId;
import dev.handoffrail.core.webhook.WebhookId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Contention as separate server instances produce it (each instance is a pool of its own on the same database):
 * claims, outbox leases, quota reservations and idempotency keys. Run against SQLite and PostgreSQL by the
 * subclasses.
 */
abstract class InstanceRaceScenarios {
    private static final int PACKETS = 2_000;
    private static final int WORKERS_PER_INSTANCE = 8;

    abstract TestDatabase database();

    @Test
    @Timeout(60)
    void two_instances_with_eight_workers_each_claim_every_packet_exactly_once() throws Exception {
        SqlPersistence setup = database().persistence();
        setup.transactor().run(() -> {
            for (int i = 0; i < PACKETS; i++) {
                Priority priority = Priority.values()[i % Priority.values().length];
                setup.packets().insert(aPacket().summary("job " + i).createdAt(T0.plusMillis(i % 97))
                        .target("billing-01").priority(priority).build());
            }
        });
        List<SqlPersistence> instances = List.of(
                database().openAnother(new PoolSettings(WORKERS_PER_INSTANCE, 0)),
                database().openAnother(new PoolSettings(WORKERS_PER_INSTANCE, 0)));
        Map<PacketId, String> claimedBy = new ConcurrentHashMap<>();
        AtomicInteger doubleClaims = new AtomicInteger();
        List<Callable<Integer>> workers = new ArrayList<>();
        for (int i = 0; i < instances.size() * WORKERS_PER_INSTANCE; i++) {
            SqlPersistence instance = instances.get(i % instances.size());
            String worker = "worker-" + i;
            workers.add(() -> {
                int claims = 0;
                Optional<Packet> claimed;
                while ((claimed = claimNext(instance, worker)).isPresent()) {
                    if (claimedBy.putIfAbsent(claimed.get().id(), worker) != null) {
                        doubleClaims.incrementAndGet();
                    }
                    claims++;
                }
                return claims;
            });
        }

        int total = 0;
        for (int claims : runAll(workers)) {
            total += claims;
        }

        assertThat(doubleClaims).hasValue(0);
        assertThat(total).isEqualTo(PACKETS);
        assertThat(claimedBy).hasSize(PACKETS);
        assertThat(setup.packetStatistics().countByStatus(ACME))
                .isEqualTo(Map.of(PacketStatus.CLAIMED, (long) PACKETS));
    }

    /** claim-next as the service does it: lock the next candidate, then the conditional update, in one transaction. */
    private static Optional<Packet> claimNext(SqlPersistence instance, String worker) {
        return instance.transactor().inTransaction(() -> {
            Optional<Packet> next = instance.packets().lockNextClaimable(ACME, "billing-01", Set.of());
            if (next.isEmpty()) {
                return Optional.empty();
            }
            Packet claimed = next.get().claimedBy(AgentInfo.of(worker, worker), T0.plusSeconds(60));
            if (!instance.packets().update(claimed, PacketStatus.CREATED)) {
                throw new AssertionError("a locked candidate was claimed by someone else");
            }
            return Optional.of(claimed);
        });
    }

    @Test
    @Timeout(30)
    void of_thirty_two_threads_claiming_one_packet_exactly_one_wins() throws Exception {
        Packet packet = aPacket().summary("contested").build();
        database().persistence().packets().insert(packet);
        List<SqlPersistence> instances = twoInstances();
        CountDownLatch ready = new CountDownLatch(32);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            SqlPersistence instance = instances.get(i % 2);
            AgentInfo agent = AgentInfo.of("racer-" + i, "Racer " + i);
            racers.add(() -> {
                Packet claim = instance.packets().find(ACME, packet.id()).orElseThrow()
                        .claimedBy(agent, T0.plusSeconds(1));
                ready.countDown();
                start.await();
                return instance.packets().update(claim, PacketStatus.CREATED) ? 1 : 0;
            });
        }

        List<Integer> outcomes = runAll(racers, () -> {
            awaitQuietly(ready);
            start.countDown();
        });

        assertThat(outcomes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
        Packet stored = database().persistence().packets().find(ACME, packet.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(PacketStatus.CLAIMED);
        assertThat(stored.revision()).isEqualTo(packet.revision() + 1);
        assertThat(stored.targetAgent().id()).isEqualTo("racer-" + outcomes.indexOf(1));
    }

    @Test
    @Timeout(30)
    void two_instances_leasing_due_deliveries_hand_each_one_out_exactly_once() throws Exception {
        int count = 300;
        List<Delivery> due = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            due.add(Delivery.pending(WebhookId.random(), ACME, PacketId.random(), EventType.PACKET_CREATED,
                    new byte[] {(byte) i}, DeliveryId.random(), T0.plusMillis(i)));
        }
        database().persistence().deliveries().insert(due);
        List<SqlPersistence> instances = twoInstances();
        Map<DeliveryId, Integer> leases = new ConcurrentHashMap<>();
        List<Callable<Integer>> dispatchers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            SqlPersistence instance = instances.get(i % 2);
            dispatchers.add(() -> {
                List<Delivery> batch;
                int taken = 0;
                while (!(batch = instance.deliveries().leaseDue(T0.plusSeconds(1), T0.plusSeconds(60), 7)).isEmpty()) {
                    batch.forEach(d -> leases.merge(d.id(), 1, Integer::sum));
                    taken += batch.size();
                }
                return taken;
            });
        }

        List<Integer> taken = runAll(dispatchers);

        assertThat(taken.stream().mapToInt(Integer::intValue).sum()).isEqualTo(count);
        assertThat(leases).hasSize(count).allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
        assertThat(database().persistence().deliveries().leaseDue(T0.plusSeconds(59), T0.plusSeconds(99), 10))
                .isEmpty();
    }

    @Test
    @Timeout(30)
    void reservations_from_two_instances_never_exceed_the_daily_limit() throws Exception {
        List<SqlPersistence> instances = twoInstances();
        LocalDate day = LocalDate.of(2026, 5, 30);
        List<Callable<Integer>> creators = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            SqlPersistence instance = instances.get(i % 2);
            creators.add(() -> {
                int reserved = 0;
                for (int attempt = 0; attempt < 5; attempt++) {
                    reserved += instance.dailyHandoffs().tryReserve(ACME, day, 25) ? 1 : 0;
                }
                return reserved;
            });
        }

        List<Integer> reserved = runAll(creators);

        assertThat(reserved.stream().mapToInt(Integer::intValue).sum()).isEqualTo(25);
        assertThat(database().persistence().dailyHandoffs().used(ACME, day)).isEqualTo(25);
    }

    @Test
    @Timeout(30)
    void of_sixteen_requests_with_one_idempotency_key_on_two_instances_exactly_one_starts() throws Exception {
        List<SqlPersistence> instances = twoInstances();
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            SqlPersistence instance = instances.get(i % 2);
            requests.add(() -> {
                start.await();
                IdempotencyStore.Begin begin = instance.idempotency().begin(ACME, "retry-42", "hash-a", T0,
                        T0.plusSeconds(86_400));
                return begin instanceof IdempotencyStore.Begin.Started ? 1
                        : begin instanceof IdempotencyStore.Begin.InProgress ? 0 : -100;
            });
        }

        List<Integer> outcomes = runAll(requests, start::countDown);

        assertThat(outcomes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
    }

    private List<SqlPersistence> twoInstances() {
        return List.of(database().openAnother(new PoolSettings(2, 6)), database().openAnother(new PoolSettings(2, 6)));
    }

    private static List<Integer> runAll(List<Callable<Integer>> tasks) throws Exception {
        return runAll(tasks, () -> { });
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs every task on a thread of its own; {@code afterSubmit} runs once all are submitted. */
    private static List<Integer> runAll(List<Callable<Integer>> tasks, Runnable afterSubmit) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            tasks.forEach(task -> futures.add(pool.submit(task)));
            afterSubmit.run();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : futures) {
                results.add(future.get(50, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
