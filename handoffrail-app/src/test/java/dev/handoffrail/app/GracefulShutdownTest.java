package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the real server, a child process under steady load (docs/deployment.md, Kubernetes probes). The load
 * clients behave as a load balancer's traffic does: they keep sending until shortly after {@code /ready} turned 503
 * (the balancer's reaction time), and two claim-next long polls are in flight throughout. The drain delay (a
 * quarter of the grace period, 4 s here) leaves a wide margin between the load stopping and the listener closing,
 * so that no load request can race the closing listener (a connection still in the kernel's accept queue then is
 * reset, which is what the delay exists to avoid).
 */
class GracefulShutdownTest {
    private static final String ADMIN_KEY = "hr_gracefulShutdownKey_0123456789abcdef";
    private static final int GRACE_SECONDS = 16;
    private static final long BALANCER_REACTION_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final String PACKET = """
            {"metadata": {"source_agent": {"id": "sales-01", "name": "SalesBot"},
                          "target_agent": {"id": "billing-01", "name": "BillingBot"}},
             "context": {"summary": "Drain me"}}""";
    private static final String LONG_POLL = """
            {"agent_id": "idle-01", "agent_name": "IdleBot", "framework": null, "wait_seconds": 30}""";

    @TempDir
    Path dir;

    @Test
    void on_sigterm_ready_turns_503_first_requests_in_flight_finish_and_the_process_exits_within_the_grace_period()
            throws Exception {
        Map<String, String> env = Map.of("HR_DATABASE_URL", "sqlite:///" + dir.resolve("rail.db"),
                "HR_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY, "HR_SHUTDOWN_GRACE_SECONDS", String.valueOf(GRACE_SECONDS),
                "HR_LOG_LEVEL", "info", "HR_TIER_DEFAULT", "business",
                "HR_TIER_QUOTAS", "{\"business\": {\"requests_per_minute\": -1, \"requests_per_hour\": -1}}");
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try (ServerProcess server = ServerProcess.start(env, dir)) {
            int port = server.port();
            AtomicLong readyDownAt = new AtomicLong();
            AtomicLong listenerClosedAt = new AtomicLong();
            List<RawHttp.Result> load = Collections.synchronizedList(new ArrayList<>());
            List<RawHttp.Result> readiness = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch loadRunning = new CountDownLatch(3);
            CountDownLatch longPollsSent = new CountDownLatch(2);
            CountDownLatch readyBeforeSigterm = new CountDownLatch(1);

            List<Future<?>> loaders = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                boolean writer = i == 0;
                loaders.add(clients.submit(() -> {
                    while (readyDownAt.get() == 0 || System.nanoTime() - readyDownAt.get() < BALANCER_REACTION_NANOS) {
                        RawHttp.Result result = writer
                                ? RawHttp.exchange(port, "POST", "/api/v1/packets", ADMIN_KEY, PACKET)
                                : RawHttp.exchange(port, "GET", "/api/v1/packets?limit=5", ADMIN_KEY, null);
                        load.add(result);
                        loadRunning.countDown();
                    }
                }));
            }
            List<Future<Long[]>> longPolls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                longPolls.add(clients.submit(() -> {
                    RawHttp.Result result = RawHttp.exchange(port, "POST", "/api/v1/packets/claim-next", ADMIN_KEY,
                            LONG_POLL, longPollsSent::countDown);
                    return new Long[] {System.nanoTime(), (long) result.status(),
                        result.outcome() == RawHttp.Outcome.COMPLETE ? 1L : 0L};
                }));
            }
            Future<?> prober = clients.submit(() -> {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline) {
                    RawHttp.Result result = RawHttp.exchange(port, "GET", "/ready", null, null);
                    readiness.add(result);
                    if (result.outcome() == RawHttp.Outcome.COMPLETE && result.status() == 200) {
                        readyBeforeSigterm.countDown();
                    } else if (result.outcome() == RawHttp.Outcome.COMPLETE && result.status() == 503) {
                        readyDownAt.compareAndSet(0, System.nanoTime());
                    } else if (result.outcome() != RawHttp.Outcome.COMPLETE) {
                        listenerClosedAt.set(System.nanoTime());
                        return;
                    }
                    pause(10);
                }
            });
            assertThat(loadRunning.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(longPollsSent.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(readyBeforeSigterm.await(30, TimeUnit.SECONDS)).isTrue();

            Duration exit = server.terminate();

            prober.get(60, TimeUnit.SECONDS);
            for (Future<?> loader : loaders) {
                loader.get(60, TimeUnit.SECONDS);
            }
            assertThat(exit).isLessThan(Duration.ofSeconds(GRACE_SECONDS));
            assertThat(server.exitValue()).isEqualTo(143);

            assertThat(readyDownAt.get()).as("/ready answered 503 during the shutdown").isNotZero();
            assertThat(listenerClosedAt.get()).as("the listener closed").isNotZero();
            assertThat(readyDownAt.get()).isLessThan(listenerClosedAt.get());
            synchronized (readiness) {
                List<RawHttp.Result> beforeClose = readiness.subList(0, readiness.size() - 1);
                assertThat(beforeClose).allSatisfy(r -> assertThat(r.status()).isIn(200, 503));
            }

            synchronized (load) {
                assertThat(load).hasSizeGreaterThan(3);
                assertThat(load).filteredOn(r -> r.outcome() == RawHttp.Outcome.BROKEN).isEmpty();
                assertThat(load).filteredOn(r -> r.outcome() == RawHttp.Outcome.COMPLETE)
                        .allSatisfy(r -> assertThat(r.status()).isIn(200, 201));
            }
            for (Future<Long[]> longPoll : longPolls) {
                Long[] ended = longPoll.get(60, TimeUnit.SECONDS);
                assertThat(ended[2]).as("complete response").isEqualTo(1L);
                assertThat(ended[1]).as("status").isEqualTo(204L);
                assertThat(ended[0]).as("ended after /ready turned 503").isGreaterThan(readyDownAt.get());
            }

            assertThat(events(server.stdout())).containsSubsequence("server_started", "server_stopping",
                    "http_stopped", "workers_stopped", "server_stopped");
        } finally {
            clients.shutdownNow();
        }
    }

    private static List<String> events(List<String> lines) {
        List<String> events = new ArrayList<>();
        for (String line : lines) {
            int at = line.indexOf("\"event\":\"");
            if (at >= 0) {
                events.add(line.substring(at + 9, line.indexOf('"', at + 9)));
            }
        }
        return events;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
