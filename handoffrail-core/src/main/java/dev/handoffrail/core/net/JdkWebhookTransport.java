package dev.handoffrail.core.net;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.port.out.WebhookTransport;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends webhook requests over JDK sockets as one HTTP/1.1 {@code POST} per connection, connecting to the pinned
 * address only, while the {@code Host} header, TLS SNI and certificate host name check use the URL's host.
 * Redirects are never followed; the whole attempt (connect, TLS, request, response head) is bounded by the
 * timeout. Thread-safe; {@link #close()} stops the timeout watchdog thread.
 *
 * <p>Why not {@code java.net.http.HttpClient}: it always resolves the URL's host itself and refuses a custom
 * {@code Host} header unless a JVM-wide system property is set before first use, so it cannot connect to an
 * address checked in advance without opening a DNS-rebinding window. A plain socket makes pinning exact.
 */
public final class JdkWebhookTransport implements WebhookTransport, AutoCloseable {
    private static final int MAX_LINE = 8_192;
    private static final int MAX_HEADERS = 100;
    private static final int BODY_PREFIX_CHARS = 200;
    private static final int BODY_PREFIX_BYTES = BODY_PREFIX_CHARS * 4;

    private final SSLSocketFactory tls;
    private final ScheduledThreadPoolExecutor watchdog;

    /** Uses the JVM's default trust store for {@code https} receivers. */
    public JdkWebhookTransport() {
        this((SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** Uses {@code tls} for {@code https} receivers (for example a factory trusting a private CA). */
    public JdkWebhookTransport(SSLSocketFactory tls) {
        this.tls = requireNonNull(tls, "tls");
        this.watchdog = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "handoffrail-webhook-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        this.watchdog.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Result send(URI url, InetAddress pinnedAddress, Map<String, String> headers, byte[] body,
                       Duration timeout) {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        long deadline = System.nanoTime() + timeout.toNanos();
        Socket socket = new Socket();
        // closing the socket is the only way to interrupt a blocked write or TLS handshake in time
        ScheduledFuture<?> alarm = watchdog.schedule(() -> closeQuietly(socket), timeout.toNanos(),
                TimeUnit.NANOSECONDS);
        try (socket) {
            socket.connect(new InetSocketAddress(pinnedAddress, port), remainingMillis(deadline));
            try (Socket channel = https ? startTls(socket, url.getHost(), port, deadline) : socket) {
                writeRequest(channel.getOutputStream(), url, port, https, headers, body);
                return readResponse(channel, deadline);
            }
        } catch (SocketTimeoutException e) {
            return failure("Timed out after " + timeout.toMillis() + " ms");
        } catch (SSLException e) {
            return failure(System.nanoTime() >= deadline ? "Timed out after " + timeout.toMillis() + " ms"
                    : "TLS failure: " + e.getMessage());
        } catch (ConnectException e) {
            return failure("Connection failed: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return failure(System.nanoTime() >= deadline ? "Timed out after " + timeout.toMillis() + " ms"
                    : "Transport error: " + e.getMessage());
        } finally {
            alarm.cancel(false);
        }
    }

    /** Stops the watchdog thread; attempts in flight may then overrun their timeout. */
    @Override
    public void close() {
        watchdog.shutdownNow();
    }

    private SSLSocket startTls(Socket socket, String host, int port, long deadline) throws IOException {
        // passing the host name makes it the SNI server name and the name the certificate is checked against
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, unbracketed(host), port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        ssl.setUseClientMode(true);
        ssl.setSoTimeout(remainingMillis(deadline));
        ssl.startHandshake();
        return ssl;
    }

    private static void writeRequest(OutputStream out, URI url, int port, boolean https, Map<String, String> headers,
                                     byte[] body) throws IOException {
        StringBuilder head = new StringBuilder("POST ").append(target(url)).append(" HTTP/1.1\r\n");
        boolean defaultPort = port == (https ? 443 : 80);
        head.append("Host: ").append(url.getHost()).append(defaultPort ? "" : ":" + port).append("\r\n");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            head.append(checked(header.getKey())).append(": ").append(checked(header.getValue())).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n");
        head.append("Connection: close\r\n\r\n");
        out.write(head.toString().getBytes(UTF_8));
        out.write(body);
        out.flush();
    }

    private static Result readResponse(Socket socket, long deadline) throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        int status;
        Map<String, String> head;
        do {
            socket.setSoTimeout(remainingMillis(deadline));
            status = parseStatus(readLine(in));
            head = readHeaders(in, socket, deadline);
        } while (status >= 100 && status < 200);
        if (status >= 200 && status < 300) {
            return new Result(status, null, null);
        }
        byte[] prefix = readBodyPrefix(in, socket, deadline, head, status);
        String text = new String(prefix, UTF_8);
        if (text.codePointCount(0, text.length()) > BODY_PREFIX_CHARS) {
            text = text.substring(0, text.offsetByCodePoints(0, BODY_PREFIX_CHARS));
        }
        return new Result(status, text, null);
    }

    private static Map<String, String> readHeaders(InputStream in, Socket socket, long deadline)
            throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i <= MAX_HEADERS; i++) {
            socket.setSoTimeout(remainingMillis(deadline));
            String line = readLine(in);
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        throw new IOException("too many response headers");
    }

    /** Up to {@link #BODY_PREFIX_BYTES} bytes of the body, honouring chunked and length-delimited framing. */
    private static byte[] readBodyPrefix(InputStream in, Socket socket, long deadline, Map<String, String> head,
                                         int status) throws IOException {
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        if (status == 204 || status == 304) {
            return prefix.toByteArray();
        }
        boolean chunked = head.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked");
        long remaining = chunked ? 0 : contentLength(head);
        while (prefix.size() < BODY_PREFIX_BYTES) {
            if (chunked && remaining == 0) {
                if (prefix.size() > 0) {
                    readLine(in);
                }
                socket.setSoTimeout(remainingMillis(deadline));
                remaining = Long.parseLong(readLine(in).split(";", 2)[0].trim(), 16);
                if (remaining == 0) {
                    break;
                }
            } else if (remaining == 0) {
                break;
            }
            socket.setSoTimeout(remainingMillis(deadline));
            byte[] buffer = new byte[(int) Math.min(BODY_PREFIX_BYTES - prefix.size(), Math.min(remaining, 4096))];
            int read = in.read(buffer);
            if (read < 0) {
                break;
            }
            prefix.write(buffer, 0, read);
            remaining -= read;
        }
        return prefix.toByteArray();
    }

    private static long contentLength(Map<String, String> head) {
        String value = head.get("content-length");
        if (value == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static int parseStatus(String line) throws IOException {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/") || parts[1].length() != 3) {
            throw new IOException("malformed HTTP status line");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("malformed HTTP status line", e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed before the response was complete");
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("response line too long");
            }
            line.write(b);
        }
        String text = line.toString(ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static String target(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    private static String checked(String headerText) {
        if (headerText.indexOf('\r') >= 0 || headerText.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header text must not contain line breaks");
        }
        return headerText;
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long millis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (millis <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }

    private static Result failure(String error) {
        return new Result(null, null, error);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
