package dev.handoffrail.http.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.http.LiveApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;

/**
 * Claim-next long polls (http-api.md §9.15) hold no Jetty thread while they wait: 200 waiting calls on a server
 * with 24 threads, then 200 packets created through the same server, each handed to exactly one caller.
 */
class ClaimNextLongPollTest {
    private static final int POLLERS = 200;
    private static final int JETTY_THREADS = 24;

    @Test
    void two_hundred_waiting_pollers_on_a_small_thread_pool_each_take_exactly_one_new_packet() throws Exception {
        CountDownLatch arrived = new CountDownLatch(POLLERS);
        try (LiveApi api = LiveApi.start(RealtimeSettings.defaults(), config -> {
            config.jetty.threadPool = new QueuedThreadPool(JETTY_THREADS, 4);
            config.routes.before("/api/v1/packets/claim-next", ctx -> arrived.countDown());
        })) {
            api.tenant("acme", "business");
            String agent = api.key("acme", "agent");
            String writer = api.key("acme", "writer");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
            for (int i = 0; i < POLLERS; i++) {
                HttpRequest poll = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.app.port()
                                + "/api/v1/packets/claim-next"))
                        .header("X-API-Key", agent).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"agent_id\": \"worker\","
                                + " \"agent_name\": \"Worker " + i + "\", \"target_agent\": \"*\", \"wait_seconds\": 30}"))
                        .build();
                polls.add(http.sendAsync(poll, HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(arrived.await(20, TimeUnit.SECONDS)).as("all pollers reached the server").isTrue();

            Set<String> created = new HashSet<>();
            for (int i = 0; i < POLLERS; i++) {
                created.add(api.packet(writer, "router", "billing-01"));
            }

            CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            List<Object> taken = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> poll : polls) {
                HttpResponse<String> response = poll.get();
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                Map<String, Object> packet = LiveApi.map(LiveApi.parse(response.body()));
                assertThat(packet).containsEntry("status", "claimed");
                taken.add(packet.get("id"));
            }
            assertThat(taken).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        }
    }

    @Test
    void a_long_poll_with_nothing_to_take_ends_with_204_after_its_wait() throws Exception {
        try (LiveApi api = LiveApi.start()) {
            api.tenant("acme", "business");
            String agent = api.key("acme", "agent");

            var response = api.call(agent, "POST", "/api/v1/packets/claim-next",
                    "{\"agent_id\": \"worker-1\", \"agent_name\": \"Worker\", \"wait_seconds\": 1}");

            assertThat(response.status()).isEqualTo(204);
            assertThat(response.body()).isEmpty();
        }
    }

    @Test
    void shutting_down_ends_a_long_poll_with_204_whether_it_waits_already_or_arrives_after() throws Exception {
        try (LiveApi api = LiveApi.start()) {
            api.tenant("acme", "business");
            String agent = api.key("acme", "agent");
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> api.call(agent, "POST",
                    "/api/v1/packets/claim-next",
                    "{\"agent_id\": \"worker-1\", \"agent_name\": \"Worker\", \"wait_seconds\": 30}").status());

            api.rail.close();

            assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo(204);
        }
    }
}
