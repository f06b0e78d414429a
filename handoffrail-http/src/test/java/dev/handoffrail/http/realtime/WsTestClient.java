package dev.handoffrail.http.realtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A WebSocket client over {@code java.net.http.WebSocket} collecting text messages and the close, with timeouts. */
final class WsTestClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WsTestClient(int port, String pathAndQuery, String... headers) throws Exception {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        StringBuilder partial = new StringBuilder();
        socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode + " " + reason);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete("error " + error);
            }
        }).get(10, TimeUnit.SECONDS);
    }

    static WsTestClient connect(int port, String pathAndQuery, String... headers) throws Exception {
        return new WsTestClient(port, pathAndQuery, headers);
    }

    /** The handshake's failure (e.g. a refused upgrade), or null when it succeeded. */
    static Throwable refusal(int port, String pathAndQuery) throws Exception {
        try {
            HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery),
                    new WebSocket.Listener() {
                    }).get(10, TimeUnit.SECONDS).abort();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next text message, failing the test when none comes within ten seconds. */
    String next() throws InterruptedException {
        String message = messages.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no WebSocket message within 10 s");
        }
        return message;
    }

    /** The next message that is not a heartbeat ping. */
    String nextNonPing() throws InterruptedException {
        String message = next();
        while (message.startsWith("{\"type\":\"ping\"")) {
            message = next();
        }
        return message;
    }

    String poll(Duration wait) throws InterruptedException {
        return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@code "<code> <reason>"} of the server's close, waiting up to ten seconds. */
    String closedWith() throws InterruptedException, ExecutionException, TimeoutException {
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
