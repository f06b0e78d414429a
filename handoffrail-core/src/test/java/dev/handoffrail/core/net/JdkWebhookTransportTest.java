package dev.handoffrail.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.port.out.WebhookTransport.Result;
import dev.handoffrail.core.testing.LocalReceiver;
import dev.handoffrail.core.testing.LocalReceiver.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JdkWebhookTransportTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final byte[] BODY = "{\"event\":\"packet.created\"}".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json", "X-HR-Attempt", "1");

    private static final SSLContext TLS = receiverTls();
    private final JdkWebhookTransport transport = new JdkWebhookTransport(TLS.getSocketFactory());
    private LocalReceiver receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
        transport.close();
    }

    @Test
    void the_request_goes_to_the_pinned_address_with_the_urls_host_path_and_headers() throws IOException {
        receiver = LocalReceiver.http(Response.of(200, "ok"));

        Result result = transport.send(URI.create(receiver.url("hooks.example.test", "/in/hook?x=1%202")), LOOPBACK,
                HEADERS, BODY, TIMEOUT);

        assertThat(result).isEqualTo(new Result(200, null, null));
        LocalReceiver.Request request = receiver.requests().get(0);
        assertThat(request.path()).isEqualTo("/in/hook?x=1%202");
        assertThat(request.body()).isEqualTo(BODY);
        assertThat(request.headers()).containsEntry("host", "hooks.example.test:" + receiver.port())
                .containsEntry("content-type", "application/json")
                .containsEntry("x-hr-attempt", "1")
                .containsEntry("content-length", Integer.toString(BODY.length));
    }

    @Test
    void tls_uses_the_urls_host_for_sni_and_the_certificate_check_while_connecting_to_the_pinned_address()
            throws IOException {
        receiver = LocalReceiver.https(TLS, Response.of(201, "created"));

        Result result = transport.send(URI.create(receiver.url("hooks.example.test", "/hook")), LOOPBACK, HEADERS,
                BODY, TIMEOUT);

        assertThat(result).isEqualTo(new Result(201, null, null));
        assertThat(receiver.serverNames()).containsExactly("hooks.example.test");
        assertThat(receiver.requests().get(0).headers()).containsEntry("host",
                "hooks.example.test:" + receiver.port());
    }

    @Test
    void a_certificate_for_another_host_is_a_tls_failure_and_nothing_is_sent() throws IOException {
        receiver = LocalReceiver.https(TLS, Response.of(200, "ok"));

        Result result = transport.send(URI.create(receiver.url("other.example.test", "/hook")), LOOPBACK, HEADERS,
                BODY, TIMEOUT);

        assertThat(result.statusCode()).isNull();
        assertThat(result.transportError()).startsWith("TLS failure: ");
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void a_certificate_the_jvm_does_not_trust_is_a_tls_failure() throws IOException {
        receiver = LocalReceiver.https(TLS, Response.of(200, "ok"));
        try (JdkWebhookTransport defaultTrust = new JdkWebhookTransport()) {
            Result result = defaultTrust.send(URI.create(receiver.url("hooks.example.test", "/hook")), LOOPBACK,
                    HEADERS, BODY, TIMEOUT);

            assertThat(result.transportError()).startsWith("TLS failure: ");
        }
    }

    @Test
    void an_error_response_reports_its_status_and_the_start_of_its_body() throws IOException {
        receiver = LocalReceiver.http(Response.of(503, "x".repeat(300)));

        Result result = transport.send(URI.create(receiver.url("/hook")), LOOPBACK, HEADERS, BODY, TIMEOUT);

        assertThat(result).isEqualTo(new Result(503, "x".repeat(200), null));
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void a_chunked_error_body_is_decoded() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            Thread answer = respondOnce(server, "HTTP/1.1 500 Internal Server Error\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n4\r\nboom\r\n6\r\n again\r\n0\r\n\r\n");

            Result result = transport.send(URI.create("http://hooks.example.test:" + server.getLocalPort() + "/"),
                    LOOPBACK, HEADERS, BODY, TIMEOUT);

            answer.interrupt();
            assertThat(result).isEqualTo(new Result(500, "boom again", null));
        }
    }

    @Test
    void a_receiver_that_never_answers_times_out() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, LOOPBACK)) {
            Result result = transport.send(URI.create("http://hooks.example.test:" + silent.getLocalPort() + "/"),
                    LOOPBACK, HEADERS, BODY, Duration.ofMillis(300));

            assertThat(result).isEqualTo(new Result(null, null, "Timed out after 300 ms"));
        }
    }

    @Test
    void a_receiver_that_closes_the_connection_without_answering_is_a_transport_error() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            Thread answer = respondOnce(server, "");

            Result result = transport.send(URI.create("http://hooks.example.test:" + server.getLocalPort() + "/"),
                    LOOPBACK, HEADERS, BODY, TIMEOUT);

            answer.interrupt();
            assertThat(result).isEqualTo(new Result(null, null,
                    "Transport error: connection closed before the response was complete"));
        }
    }

    /** Accepts one connection, reads the request head and body, writes {@code raw} and closes. */
    private static Thread respondOnce(ServerSocket server, String raw) {
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
        return thread;
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
        try (InputStream in = JdkWebhookTransportTest.class.getResourceAsStream("/tls/receiver.p12")) {
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
}
