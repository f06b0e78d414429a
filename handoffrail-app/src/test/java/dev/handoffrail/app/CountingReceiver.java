package dev.handoffrail.app;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback that answers 200 and counts what it was sent by delivery id and attempt number
 * ({@code X-HR-Delivery-ID}, {@code X-HR-Attempt}). It can hold every request until {@link #open()}, so that a test
 * controls when deliveries start to be acknowledged. Thread-safe; close it after the test.
 */
final class CountingReceiver implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch gate;
    private final Map<String, AtomicInteger> byAttempt = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

    CountingReceiver(boolean heldUntilOpened) throws IOException {
        gate = new CountDownLatch(heldUntilOpened ? 1 : 0);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            String delivery = exchange.getRequestHeaders().getFirst("X-HR-Delivery-ID");
            String attempt = exchange.getRequestHeaders().getFirst("X-HR-Attempt");
            byAttempt.computeIfAbsent(delivery + "#" + attempt, key -> new AtomicInteger()).incrementAndGet();
            try {
                gate.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            acknowledged.add(delivery);
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void open() {
        gate.countDown();
    }

    /** Distinct delivery ids answered with 200. */
    int acknowledged() {
        return acknowledged.size();
    }

    Set<String> acknowledgedIds() {
        return Set.copyOf(acknowledged);
    }

    /** How many times each {@code <delivery id>#<attempt>} arrived. */
    Map<String, Integer> requestsPerAttempt() {
        Map<String, Integer> copy = new ConcurrentHashMap<>();
        byAttempt.forEach((key, count) -> copy.put(key, count.get()));
        return copy;
    }

    /** Waits up to {@code timeoutMillis} until {@code count} distinct deliveries were acknowledged. */
    boolean awaitAcknowledged(int count, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (acknowledged() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return acknowledged() >= count;
    }

    @Override
    public void close() {
        gate.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
