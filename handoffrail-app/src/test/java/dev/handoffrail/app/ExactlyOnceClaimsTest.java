package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two application instances on one PostgreSQL database, 8 client threads each: 10 000 packets claimed by id, every
 * packet contested by one thread on each instance, and 10 000 more drained through claim-next. Every packet is
 * claimed exactly once (one 200 per packet, the rival gets 409 ALREADY_CLAIMED; claim-next never hands a packet
 * out twice) and none is lost (all 10 000 claimed, one {@code claimed} history row each).
 */
class ExactlyOnceClaimsTest {
    private static final String ADMIN_KEY = "hr_exactlyOnceBootstrapKey_0123456789abc";
    private static final int PACKETS = Integer.getInteger("hr.claims.packets", 10_000);
    private static final int THREADS_PER_INSTANCE = 8;
    private static final String CLAIMANT = "\"agent_id\": \"%s\", \"agent_name\": \"Worker\"";

    @Test
    void two_instances_claim_10000_packets_and_drain_10000_more_each_exactly_once() throws Exception {
        try (LocalPostgres database = LocalPostgres.createOrSkip();
             Application first = Application.start(AppConfig.fromEnv(env(database)),
                     ApplicationEndToEndTest.quietBanner());
             Application second = Application.start(AppConfig.fromEnv(env(database)),
                     ApplicationEndToEndTest.quietBanner())) {
            // generous timeouts: the shared CI machine may be loaded; correctness, not speed, is under test
            List<ApiClient> instances = List.of(new ApiClient(first.port(), ADMIN_KEY, Duration.ofMinutes(2)),
                    new ApiClient(second.port(), ADMIN_KEY, Duration.ofMinutes(2)));

            List<String> contested = seed(instances, "racer-01");
            Map<String, Integer> wins = claimEachTwice(instances, contested);
            assertThat(wins).hasSize(PACKETS);
            assertThat(wins.values()).containsOnly(1);

            List<String> queued = seed(instances, "drain-01");
            Map<String, Integer> taken = drain(instances, "drain-01");
            assertThat(taken.keySet()).containsExactlyInAnyOrderElementsOf(queued);
            assertThat(taken.values()).containsOnly(1);

            Map<String, Long> claimedRows = claimedHistoryRows(database.jdbcUrl());
            assertThat(claimedRows).hasSize(2 * PACKETS);
            assertThat(claimedRows.values()).containsOnly(1L);
            System.out.printf("claims: 2 instances x %d threads, %d packets claimed by id (each contested twice), "
                    + "%d drained by claim-next: each exactly once, 0 lost%n", THREADS_PER_INSTANCE, PACKETS, PACKETS);
        }
    }

    /** Creates {@link #PACKETS} packets addressed to {@code target} in batches of 50, through both instances. */
    private static List<String> seed(List<ApiClient> instances, String target) throws Exception {
        String packet = "{\"metadata\": {\"source_agent\": {\"id\": \"sales-01\", \"name\": \"Sales\"}, "
                + "\"target_agent\": {\"id\": \"" + target + "\", \"name\": \"Worker\"}}, "
                + "\"context\": {\"summary\": \"exactly once\"}}";
        String batch = "{\"packets\": [" + String.join(",", Collections.nCopies(50, packet)) + "]}";
        Set<String> ids = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        parallel(instances, (api, thread) -> {
            while (next.getAndIncrement() < PACKETS / 50) {
                ApiClient.Reply reply = api.send("POST", "/api/v1/packets/batch", batch);
                assertThat(reply.status()).isEqualTo(201);
                assertThat(reply.body().get("errors")).isEmpty();
                reply.body().get("created").forEach(created -> ids.add(created.get("id").asText()));
            }
        });
        assertThat(ids).hasSize(PACKETS);
        return new ArrayList<>(ids);
    }

    /** Thread i of each instance claims slice i, in its own order: each packet has exactly two racers. */
    private static Map<String, Integer> claimEachTwice(List<ApiClient> instances, List<String> ids) throws Exception {
        Map<String, Integer> wins = new ConcurrentHashMap<>();
        AtomicInteger unexpected = new AtomicInteger();
        parallel(instances, (api, thread) -> {
            List<String> slice = new ArrayList<>();
            for (int i = thread % THREADS_PER_INSTANCE; i < ids.size(); i += THREADS_PER_INSTANCE) {
                slice.add(ids.get(i));
            }
            Collections.shuffle(slice, new Random(thread));
            String body = "{" + CLAIMANT.formatted("racer-01") + "}";
            for (String id : slice) {
                ApiClient.Reply reply = api.send("POST", "/api/v1/packets/" + id + "/claim", body);
                if (reply.status() == 200) {
                    wins.merge(id, 1, Integer::sum);
                } else if (reply.status() != 409 || !reply.body().get("code").asText().equals("ALREADY_CLAIMED")) {
                    unexpected.incrementAndGet();
                }
            }
        });
        assertThat(unexpected.get()).as("answers other than 200 or 409 ALREADY_CLAIMED").isZero();
        return wins;
    }

    /** Every thread calls claim-next until all packets are taken (204 may skip a packet being claimed). */
    private static Map<String, Integer> drain(List<ApiClient> instances, String target) throws Exception {
        Map<String, Integer> taken = new ConcurrentHashMap<>();
        AtomicInteger total = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        String body = "{" + CLAIMANT.formatted(target) + ", \"target_agent\": \"" + target + "\"}";
        parallel(instances, (api, thread) -> {
            while (total.get() < PACKETS && System.nanoTime() < deadline) {
                ApiClient.Reply reply = api.send("POST", "/api/v1/packets/claim-next", body);
                if (reply.status() == 200) {
                    JsonNode packet = reply.body();
                    taken.merge(packet.get("id").asText(), 1, Integer::sum);
                    total.incrementAndGet();
                } else {
                    assertThat(reply.status()).isEqualTo(204);
                }
            }
        });
        return taken;
    }

    private static Map<String, Long> claimedHistoryRows(String jdbcUrl) throws Exception {
        Map<String, Long> rows = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT packet_id, COUNT(*) FROM audit_log "
                     + "WHERE action = 'claimed' GROUP BY packet_id")) {
            while (result.next()) {
                rows.put(result.getString(1), result.getLong(2));
            }
        }
        return rows;
    }

    interface Client {
        void run(ApiClient api, int thread) throws Exception;
    }

    private static void parallel(List<ApiClient> instances, Client client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(instances.size() * THREADS_PER_INSTANCE);
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int i = 0; i < instances.size() * THREADS_PER_INSTANCE; i++) {
                ApiClient api = instances.get(i / THREADS_PER_INSTANCE);
                int thread = i;
                Callable<Void> work = () -> {
                    client.run(api, thread);
                    return null;
                };
                running.add(pool.submit(work));
            }
            for (Future<Void> future : running) {
                future.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, String> env(LocalPostgres database) throws java.io.IOException {
        return Map.ofEntries(Map.entry("HR_DATABASE_URL", database.url()),
                Map.entry("HR_PORT", String.valueOf(DatabaseOutageTest.freePort())),
                Map.entry("HR_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY), Map.entry("HR_LOG_LEVEL", "error"),
                Map.entry("HR_SHUTDOWN_GRACE_SECONDS", "3"), Map.entry("HR_RATE_LIMIT_PER_MINUTE", "1000000"),
                Map.entry("HR_TIER_QUOTAS", "{\"free\": {\"requests_per_hour\": -1, \"requests_per_minute\": -1, "
                        + "\"handoffs_per_day\": -1, \"max_agents\": -1}, \"pro\": {\"requests_per_hour\": -1, "
                        + "\"requests_per_minute\": -1, \"max_agents\": -1}, \"business\": {\"requests_per_hour\": -1,"
                        + " \"requests_per_minute\": -1, \"max_agents\": -1}}"));
    }
}
