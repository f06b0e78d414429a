package dev.handoffrail.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.handoffrail.bench.load.LoadDriver;
import dev.handoffrail.bench.load.LoadResult;
import dev.handoffrail.bench.load.Operation;
import dev.handoffrail.bench.load.Request;
import dev.handoffrail.bench.process.MachineLoad;
import dev.handoffrail.bench.process.ServerProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Webhook delivery: a receiver in this process on 127.0.0.1 (let through the SSRF rules by
 * {@code HR_WEBHOOK_ALLOWED_HOSTS}) subscribed to {@code packet.created}. Latency is receipt time minus the event's
 * {@code timestamp}; then a burst of packets measures the maximum deliveries per second.
 */
final class WebhookScenario {
    private static final double EVENTS_PER_SECOND = 100;
    private static final int BURST = 2_000;

    private final Measurer measurer;

    WebhookScenario(Measurer measurer) {
        this.measurer = measurer;
    }

    void run(ServerProcess rail, String key, String database) throws IOException {
        Receiver receiver = Receiver.start();
        try (RailClient client = new RailClient(rail.port())) {
            RailClient.expect(201, client.send(Request.of("POST", "/api/v1/hooks", RailClient.auth(key),
                    "{\"url\":\"http://127.0.0.1:" + receiver.port() + "/hook\",\"events\":[\"packet.created\"],"
                            + "\"secret\":\"whsec_bench_receiver_secret\"}")));
            Duration length = measurer.settings().measure();
            long scheduled = (long) (EVENTS_PER_SECOND * length.toSeconds());
            Operation create = (connection, n) ->
                    connection.send(RailClient.create(key, n, "sales-01", "billing-01")).status() == 201;
            LoadResult creates = new LoadDriver(rail.port()).constantRate(8, EVENTS_PER_SECOND, length, create);
            receiver.awaitCount(creates.operations() - creates.errors(), Duration.ofSeconds(60));
            LoadResult deliveries = receiver.result(creates.elapsedNanos());
            measurer.table().add(new ResultTable.Row("webhook delivery latency at 100 events/s (" + database + ")",
                    "HandoffRail", deliveries, 0, 0, deliveries.operations() + " of " + scheduled + " delivered",
                    MachineLoad.oneMinute()));

            long before = receiver.count();
            long start = System.nanoTime();
            client.seed(key, 1_000_000, BURST, "sales-01", "billing-01");
            double created = (System.nanoTime() - start) / 1e9;
            boolean all = receiver.awaitCount(before + BURST, Duration.ofSeconds(120));
            double seconds = (receiver.lastArrivalNanos() - start) / 1e9;
            // deliveries cannot outrun creation: when the two times are close, creation was the limit
            measurer.table().fact(String.format(Locale.ROOT, "%s webhook burst: %d packets created by batch in"
                    + " %.1f s, %d delivered %.1f s after the first create = %.0f deliveries/s%s", database, BURST,
                    created, receiver.count() - before, seconds, (receiver.count() - before) / seconds,
                    all ? "" : " (incomplete after 120 s)"));
        } finally {
            receiver.stop();
        }
    }

    /** The local webhook receiver: answers 204 and records each delivery's latency. Thread-safe. */
    private static final class Receiver {
        private final HttpServer server;
        private final Histogram latency = new Histogram(Duration.ofMinutes(10).toNanos() / 1_000, 3);
        private final AtomicLong received = new AtomicLong();
        private volatile long lastArrival;

        private Receiver(HttpServer server) {
            this.server = server;
        }

        static Receiver start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            Receiver receiver = new Receiver(server);
            server.createContext("/hook", receiver::handle);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.start();
            return receiver;
        }

        int port() {
            return server.getAddress().getPort();
        }

        private void handle(HttpExchange exchange) throws IOException {
            long now = System.nanoTime();
            Instant arrived = Instant.now();
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            JsonNode event = RailClient.JSON.readTree(body);
            Instant happened = Instant.parse(event.get("timestamp").asText());
            long micros = Math.max(0, Duration.between(happened, arrived).toNanos() / 1_000);
            synchronized (latency) {
                latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
            }
            lastArrival = now;
            received.incrementAndGet();
        }

        long count() {
            return received.get();
        }

        long lastArrivalNanos() {
            return lastArrival;
        }

        boolean awaitCount(long count, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (received.get() < count && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return received.get() >= count;
        }

        LoadResult result(long elapsedNanos) {
            synchronized (latency) {
                return new LoadResult(received.get(), 0, elapsedNanos, latency.copy());
            }
        }

        void stop() {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
