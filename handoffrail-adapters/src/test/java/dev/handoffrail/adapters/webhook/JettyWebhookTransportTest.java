package dev.handoffrail.adapters.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.adapters.webhook.LocalReceiver.Response;
import dev.handoffrail.core.port.out.HostResolver;
import dev.handoffrail.core.port.out.WebhookTransport.Result;
import dev.handoffrail.core.webhook.WebhookUrlPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JettyWebhookTransportTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final byte[] BODY = "{\"event\":\"packet.created\"}".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json", "X-HR-Attempt", "1",
            "User-Agent", "HandoffRail-Webhook/1");

    private static final SSLContext TLS = receiverTls();
    private final JettyWebhookTransport transport = new JettyWebhookTransport(TLS);
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : opened) {
            resource.close();
        }
        transport.close();
    }

    @Test
    void the_request_goes_to_the_pinned_address_with_the_urls_host_path_and_headers() throws IOException {
        LocalReceiver receiver = open(LocalReceiver.http(Response.of(200, "ok")));

        Result result = transport.send(URI.create(receiver.url("hooks.example.test", "/in/hook?x=1%202")), LOOPBACK,
                HEADERS, BODY, TIMEOUT);

        assertThat(result).isEqualTo(new Result(200, null, null));
        LocalReceiver.Request request = receiver.requests().get(0);
        assertThat(request.path()).isEqualTo("/in/hook?x=1%202");
        assertThat(request.body()).isEqualTo(BODY);
        assertThat(request.headers()).containsEntry("host", "hooks.example.test:" + receiver.port())
                .containsEntry("content-type", "application/json")
                .containsEntry("x-hr-attempt", "1")
                .containsEntry("user-agent", "HandoffRail-Webhook/1")
                .containsEntry("content-length", Integer.toString(BODY.length))
                .doesNotContainKey("accept-encoding");
    }

    @Test
    void the_checked_address_is_used_even_when_dns_now_answers_differently() throws IOException {
        LocalReceiver receiver = open(LocalReceiver.http(Response.of(204, "")));
        AtomicReference<InetAddress> dnsAnswer = new AtomicReference<>(LOOPBACK);
        HostResolver changingDns = host -> List.of(InetAddress.getByAddress(host, dnsAnswer.get().getAddress()));
        WebhookUrlPolicy policy = new WebhookUrlPolicy(true, Set.of("hooks.example.test"), changingDns);
        URI url = URI.create(receiver.url("hooks.example.test", "/hook"));
        InetAddress checked = policy.checkDelivery(url).address().orElseThrow();

        dnsAnswer.set(InetAddress.getByName("192.0.2.1"));
        Result result = transport.send(url, checked, HEADERS, BODY, TIMEOUT);

        assertThat(result).isEqualTo(new Result(204, null, null));
        assertThat(receiver.requests()).hasSize(1);
        assertThat(policy.checkDelivery(url).address()).contains(InetAddress.getByName("192.0.2.1"));
    }

    @Test
    void connections_to_a_receiver_are_reused() throws IOException {
        LocalReceiver receiver = open(LocalReceiver.http(Response.of(200, "ok")));
        URI url = URI.create(receiver.url("hooks.example.test", "/hook"));

        transport.send(url, LOOPBACK, HEADERS, BODY, TIMEOUT);
        awaitIdleConnections(1);
        transport.send(url, LOOPBACK, HEADERS, BODY, TIMEOUT);

        List<LocalReceiver.Request> requests = receiver.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).clientPort()).isEqualTo(requests.get(0).clientPort());
    }

    @Test
    void concurrent_attempts_from_many_threads_all_arrive() throws Exception {
        LocalReceiver receiver = open(LocalReceiver.http(Response.of(200, "ok")));
        URI url = URI.create(receiver.url("hooks.example.test", "/hook"));
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<Result>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(senders.submit(() -> transport.send(url, LOOPBACK, HEADERS, BODY, TIMEOUT)));
            }
            for (Future<Result> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(new Result(200, null, null));
            }
        } finally {
            senders.shutdownNow();
        }
        assertThat(receiver.requests()).hasSize(40);
    }

    @Test
    void a_closed_transport_reports_a_failure_instead_of_sending() throws IOException {
        LocalReceiver receiver = open(LocalReceiver.http(Response.of(200, "ok")));
        JettyWebhookTransport closed = new JettyWebhookTransport();
        closed.close();

        Result result = closed.send(URI.create(receiver.url("/hook")), LOOPBACK, HEADERS, BODY, TIMEOUT);

        assertThat(result.statusCode()).isNull();
        assertThat(result.transportError()).startsWith("Transport error: ");
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void a_new_checked_address_for_the_same_host_and_port_gets_its_own_connection() throws IOException {
        LocalReceiver first = open(LocalReceiver.http(Response.of(200, "first")));
        InetAddress other = InetAddress.getByName("127.0.0.2");
        LocalReceiver second = open(LocalReceiver.http(new InetSocketAddress(other, first.port()),
                Response.of(200, "second")));
        URI url = URI.create(first.url("hooks.example.test", "/hook"));

        transport.send(url, LOOPBACK, HEADERS, BODY, TIMEOUT);
        transport.send(url, other, HEADERS, BODY, TIMEOUT);

        assertThat(first.requests()).hasSize(1);
        assertThat(second.requests()).hasSize(1);
    }

    @Test
    void tls_uses_the_urls_host_for_sni_and_the_certificate_check_while_connecting_to_the_pinned_address()
            throws IOException {
        LocalReceiver receiver = open(LocalReceiver.https(TLS, Response.of(201, "created")));

        Result result = transport.send(URI.create(receiver.url("hooks.example.test", "/hook")), LOOPBACK, HEADERS,
                BODY, TIMEOUT);

        assertThat(result).isEqualTo(new Result(201, null, null));
        assertThat(receiver.serverNames()).containsExactly("hooks.example.test");
        assertThat(receiver.requests().get(0).headers()).containsEntry("host",
                "hooks.example.test:" + receiver.port());
    }

    @Test
    void a_certificate_for_another_host_is_a_tls_failure_and_nothing_is_sent() throws IOException {
        LocalReceiver receiver = open(LocalReceiver.https(TLS, Response.of(200, "ok")));

        Result result = transport.send(URI.create(receiver.url("other.example.test", "/hook")), LOOPBACK, HEADERS,
                BODY, TIMEOUT);

        assertThat(result.statusCode()).isNull();
        assertThat(result.transportError()).startsWith("TLS failure: ");
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void a_self_signed_certificate_is_refused_with_the_default_trust() throws IOException {
        LocalReceiver receiver = open(LocalReceiver.https(TLS, Response.of(200, "ok")));
        try (JettyWebhookTransport defaultTrust = new JettyWebhookTransport()) {
            Result result = defaultTrust.send(URI.create(receiver.url("hooks.example.test", "/hook")), LOOPBACK,
                    HEADERS, BODY, TIMEOUT);

            assertThat(result.statusCode()).isNull();
            assertThat(result.transportError()).startsWith("TLS failure: ");
            assertThat(receiver.requests()).isEmpty();
        }
    }

    @Test
    void an_error_response_reports_its_status_and_the_start_of_its_body() throws IOException {
        LocalReceiver receiver = open(LocalReceiver.http(Response.of(503, "x".repeat(300))));

        Result result = transport.send(URI.create(receiver.url("/hook")), LOOPBACK, HEADERS, BODY, TIMEOUT);

        assertThat(result).isEqualTo(new Result(503, "x".repeat(200), null));
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void a_large_error_body_is_cut_after_200_characters() throws IOException {
        String huge = "é".repeat(150) + "y".repeat(8 * 1024 * 1024);
        LocalReceiver receiver = open(LocalReceiver.http(Response.of(500, huge)));

        Result result = transport.send(URI.create(receiver.url("/hook")), LOOPBACK, HEADERS, BODY, TIMEOUT);

        assertThat(result).isEqualTo(new Result(500, "é".repeat(150) + "y".repeat(50), null));
    }

    @Test
    void a_redirect_is_not_followed() throws IOException {
        LocalReceiver target = open(LocalReceiver.http(Response.of(200, "ok")));
        LocalReceiver redirecting = open(LocalReceiver.http(new Response(302, "", target.url("/elsewhere"))));

        Result result = transport.send(URI.create(redirecting.url("/hook")), LOOPBACK, HEADERS, BODY, TIMEOUT);

        assertThat(result).isEqualTo(new Result(302, "", null));
        assertThat(redirecting.requests()).hasSize(1);
        assertThat(target.requests()).isEmpty();
    }

    @Test
    void a_chunked_error_body_is_decoded() throws IOException {
        Result result = sendToRawReceiver("HTTP/1.1 500 Internal Server Error\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n4\r\nboom\r\n6\r\n again\r\n0\r\n\r\n");

        assertThat(result).isEqualTo(new Result(500, "boom again", null));
    }

    @Test
    void a_success_status_counts_even_when_its_body_is_cut_short() throws IOException {
        Result result = sendToRawReceiver("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly a part");

        assertThat(result).isEqualTo(new Result(200, null, null));
    }

    @Test
    void an_error_status_is_reported_with_what_arrived_of_a_body_cut_short() throws IOException {
        Result result = sendToRawReceiver("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 100\r\n\r\nonly a part");

        assertThat(result).isEqualTo(new Result(502, "only a part", null));
    }

    @Test
    void a_receiver_that_never_answers_times_out() throws IOException {
        ServerSocket silent = open(new ServerSocket(0, 1, LOOPBACK));

        Result result = transport.send(URI.create("http://hooks.example.test:" + silent.getLocalPort() + "/"),
                LOOPBACK, HEADERS, BODY, Duration.ofMillis(300));

        assertThat(result).isEqualTo(new Result(null, null, "Timed out after 300 ms"));
    }

    @Test
    void a_closed_port_is_a_connection_failure() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            closedPort = socket.getLocalPort();
        }

        Result result = transport.send(URI.create("http://hooks.example.test:" + closedPort + "/"), LOOPBACK,
                HEADERS, BODY, TIMEOUT);

        assertThat(result).isEqualTo(new Result(null, null, "Connection failed: Connection refused"));
    }

    @Test
    void a_receiver_that_closes_the_connection_without_answering_is_a_transport_error() throws IOException {
        Result result = sendToRawReceiver("");

        assertThat(result).isEqualTo(new Result(null, null,
                "Transport error: connection closed before the response was complete"));
    }

    private <T extends AutoCloseable> T open(T resource) {
        opened.add(resource);
        return resource;
    }

    /** Sends to a receiver that answers with exactly {@code raw} bytes and closes the connection. */
    private Result sendToRawReceiver(String raw) throws IOException {
        ServerSocket server = open(new ServerSocket(0, 1, LOOPBACK));
        respondOnce(server, raw);
        return transport.send(URI.create("http://hooks.example.test:" + server.getLocalPort() + "/"), LOOPBACK,
                HEADERS, BODY, TIMEOUT);
    }

    /** Accepts one connection, reads the request head and body, writes {@code raw} and closes. */
    private static void respondOnce(ServerSocket server, String raw) {
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                skipHead(in);
                in.readNBytes(BODY.length);
                socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException ignored) {
                // the test sees the client's side of the failure
            }
        });
        thread.setDaemon(true);
        thread.start();
    }

    private static void skipHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : b == end[0] ? 1 : 0;
        }
    }

    private static SSLContext receiverTls() {
        try (InputStream in = JettyWebhookTransportTest.class.getResourceAsStream("/tls/receiver.p12")) {
            char[] password = "changeit".toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("test TLS material unavailable", e);
        }
    }

    /** The response reaches the caller just before Jetty hands the connection back to the pool. */
    private void awaitIdleConnections(int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (transport.idleConnections() < expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(transport.idleConnections()).isEqualTo(expected);
    }
}
