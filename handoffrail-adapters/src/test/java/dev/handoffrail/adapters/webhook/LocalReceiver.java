package dev.handoffrail.adapters.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;

/**
 * A real HTTP(S) receiver on 127.0.0.1 for webhook tests: records every request (and, over TLS, the SNI host
 * names clients sent) and answers with the scripted responses in order, repeating the last one. Thread-safe;
 * close it after the test.
 */
final class LocalReceiver implements AutoCloseable {
    /**
     * One recorded request: path with query, headers (first value of each, names lower-cased), exact body, and
     * the client's port (equal for requests sent over one kept-alive connection).
     */
    public record Request(String path, Map<String, String> headers, byte[] body, int clientPort) {
    }

    /** A scripted answer; {@code location} and {@code retryAfter} are sent as headers when not null. */
    public record Response(int status, String body, String location, String retryAfter) {
        public Response(int status, String body, String location) {
            this(status, body, location, null);
        }

        public static Response of(int status, String body) {
            return new Response(status, body, null);
        }

        public static Response retryAfter(int status, String retryAfter) {
            return new Response(status, "busy", null, retryAfter);
        }
    }

    private final HttpServer server;
    private final String scheme;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> serverNames;
    private final Deque<Response> script = new ArrayDeque<>();

    private LocalReceiver(HttpServer server, String scheme, List<String> serverNames, Response... responses) {
        this.server = server;
        this.scheme = scheme;
        this.serverNames = serverNames;
        script.addAll(List.of(responses));
        server.createContext("/", this::handle);
        server.start();
    }

    /** A plain HTTP receiver. */
    public static LocalReceiver http(Response... responses) throws IOException {
        return http(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), responses);
    }

    /** A plain HTTP receiver listening on {@code address}. */
    public static LocalReceiver http(InetSocketAddress address, Response... responses) throws IOException {
        return new LocalReceiver(HttpServer.create(address, 0), "http", List.of(), responses);
    }

    /** An HTTPS receiver presenting the certificate of {@code tls}. */
    public static LocalReceiver https(SSLContext tls, Response... responses) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> serverNames = new CopyOnWriteArrayList<>();
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = tls.getDefaultSSLParameters();
                parameters.setSNIMatchers(List.of(sniRecorder(serverNames)));
                params.setSSLParameters(parameters);
            }
        });
        return new LocalReceiver(server, "https", serverNames, responses);
    }

    /** {@code <scheme>://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return url("127.0.0.1", path);
    }

    /** The URL with another host name (to be pinned to 127.0.0.1 by the caller). */
    public String url(String host, String path) {
        return scheme + "://" + host + ":" + port() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** SNI host names received in TLS handshakes, in order. */
    public List<String> serverNames() {
        return List.copyOf(serverNames);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                values.get(0)));
        requests.add(new Request(exchange.getRequestURI().toString(), headers, body,
                exchange.getRemoteAddress().getPort()));
        Response response = next();
        if (response.location() != null) {
            exchange.getResponseHeaders().add("Location", response.location());
        }
        if (response.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", response.retryAfter());
        }
        byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(out);
        }
    }

    private synchronized Response next() {
        return script.size() > 1 ? script.poll() : script.peek();
    }

    private static SNIMatcher sniRecorder(List<String> serverNames) {
        return new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
            @Override
            public boolean matches(SNIServerName name) {
                serverNames.add(((SNIHostName) name).getAsciiName());
                return true;
            }
        };
    }
}
