package dev.handoffrail.adapters.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.handoffrail.adapters.webhook.PinnedAddressResolver.PinnedAddress;
import dev.handoffrail.core.port.out.WebhookTransport;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.AbstractConnectionPool;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The core's {@link WebhookTransport} on Jetty's {@link HttpClient} (HTTP/1.1). Each request connects only to
 * the address the SSRF policy checked ({@link PinnedAddressResolver}); the {@code Host} header, TLS SNI and the
 * certificate host name check use the URL's host. Connections are kept alive and reused per receiver (scheme,
 * host, port and checked address). Redirects are never followed, the whole attempt (queueing, connect, TLS,
 * request, response) is bounded by its timeout, and at most 800 bytes of a response body are read. Outcomes keep
 * the wording recorded in a delivery's {@code last_error}: {@code Timed out after <n> ms},
 * {@code Connection failed: <reason>}, {@code TLS failure: <reason>}, {@code Transport error: <reason>}.
 *
 * <p>Thread-safe. {@link #close()} stops the client's threads; the application closes it on shutdown.
 */
public final class JettyWebhookTransport implements WebhookTransport, AutoCloseable {
    /** The start of an error response's body kept for {@code last_error}, in characters. */
    private static final int BODY_PREFIX_CHARS = 200;
    private static final int BODY_PREFIX_BYTES = BODY_PREFIX_CHARS * 4;
    private static final int MAX_CONNECTIONS_PER_RECEIVER = 16;
    private static final int MAX_THREADS = 16;
    private static final Duration IDLE_CONNECTION = Duration.ofSeconds(30);
    private static final Duration IDLE_RECEIVER = Duration.ofMinutes(5);
    private static final String CLOSED_EARLY = "connection closed before the response was complete";

    private final HttpClient client;

    /** Trusts the JVM's default trust store for {@code https} receivers. */
    public JettyWebhookTransport() {
        this(new SslContextFactory.Client());
    }

    /** Trusts what {@code tls} trusts (for example a private CA) for {@code https} receivers. */
    public JettyWebhookTransport(SSLContext tls) {
        this(trusting(tls));
    }

    private JettyWebhookTransport(SslContextFactory.Client tls) {
        tls.setEndpointIdentificationAlgorithm("HTTPS");
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(tls);
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName("handoffrail-webhooks");
        threads.setDaemon(true);
        client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setExecutor(threads);
        client.setScheduler(new ScheduledExecutorScheduler("handoffrail-webhooks-timeouts", true));
        client.setSocketAddressResolver(new PinnedAddressResolver());
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        client.setMaxConnectionsPerDestination(MAX_CONNECTIONS_PER_RECEIVER);
        client.setIdleTimeout(IDLE_CONNECTION.toMillis());
        client.setDestinationIdleTimeout(IDLE_RECEIVER.toMillis());
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("the webhook HTTP client did not start", e);
        }
        // bodies are only read for last_error: ask for them as sent (starting the client adds the gzip decoder)
        client.getContentDecoderFactories().clear();
    }

    @Override
    public Result send(URI url, InetAddress pinnedAddress, Map<String, String> headers, byte[] body,
                       Duration timeout) {
        long millis = Math.max(1, timeout.toMillis());
        Request request = client.newRequest(url).method(HttpMethod.POST).tag(new PinnedAddress(pinnedAddress))
                .timeout(millis, TimeUnit.MILLISECONDS).headers(fields -> headers.forEach(fields::put))
                .body(new BytesRequestContent(body));
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        try {
            Response response = listener.get(millis, TimeUnit.MILLISECONDS);
            int status = response.getStatus();
            byte[] prefix = readPrefix(listener.getInputStream());
            return status >= 200 && status < 300 ? new Result(status, null, null)
                    : new Result(status, firstCharacters(prefix), null,
                            response.getHeaders().get(HttpHeader.RETRY_AFTER));
        } catch (TimeoutException e) {
            request.abort(e);
            return failure(timedOut(millis));
        } catch (ExecutionException e) {
            return failure(describe(e.getCause(), millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.abort(e);
            return failure("Transport error: interrupted");
        }
    }

    /** Idle pooled connections over all receivers; a finished attempt's connection returns to the pool. */
    int idleConnections() {
        return client.getDestinations().stream().map(Destination::getConnectionPool)
                .filter(AbstractConnectionPool.class::isInstance).map(AbstractConnectionPool.class::cast)
                .mapToInt(AbstractConnectionPool::getIdleConnectionCount).sum();
    }

    /** Stops the client: connections close, attempts in flight fail. */
    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the webhook HTTP client did not stop cleanly", e);
        }
    }

    private static SslContextFactory.Client trusting(SSLContext tls) {
        SslContextFactory.Client factory = new SslContextFactory.Client();
        factory.setSslContext(tls);
        return factory;
    }

    /**
     * Up to {@link #BODY_PREFIX_BYTES} of the body. A short body is read to its end so that the connection can be
     * reused; a longer one is cut off. The status already decided the outcome, so a body that breaks off (cut
     * short, or out of time) gives what arrived before.
     */
    private static byte[] readPrefix(InputStream body) {
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        byte[] buffer = new byte[BODY_PREFIX_BYTES];
        try (body) {
            int read = 0;
            while (read >= 0 && prefix.size() < BODY_PREFIX_BYTES) {
                read = body.read(buffer, 0, BODY_PREFIX_BYTES - prefix.size());
                prefix.write(buffer, 0, Math.max(read, 0));
            }
        } catch (IOException e) {
            // keep what arrived; the connection is dropped
        }
        return prefix.toByteArray();
    }

    private static String firstCharacters(byte[] prefix) {
        String text = new String(prefix, UTF_8);
        return text.codePointCount(0, text.length()) > BODY_PREFIX_CHARS
                ? text.substring(0, text.offsetByCodePoints(0, BODY_PREFIX_CHARS)) : text;
    }

    /** The {@code last_error} wording of a failed exchange, from the innermost cause that names the kind. */
    private static String describe(Throwable failure, long millis) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return timedOut(millis);
            }
            if (cause instanceof SSLException) {
                return "TLS failure: " + cause.getMessage();
            }
            if (cause instanceof ConnectException) {
                return "Connection failed: " + cause.getMessage();
            }
            if (cause instanceof EOFException || cause instanceof ClosedChannelException) {
                return "Transport error: " + CLOSED_EARLY;
            }
        }
        return "Transport error: " + failure.getMessage();
    }

    private static String timedOut(long millis) {
        return "Timed out after " + millis + " ms";
    }

    private static Result failure(String error) {
        return new Result(null, null, error);
    }
}
