package dev.handoffrail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Minimal real-time clients for app tests (http-api.md §17): an SSE reader of {@code GET /events} and a WebSocket
 * of {@code GET /ws}, each turning what arrives into JSON messages the test takes one at a time with a timeout.
 * Heartbeat pings are dropped (SSE {@code event: ping}, WebSocket {@code {"type": "ping"}}); the end of a stream is a
 * {@code {"type": "ended"}} message.
 */
final class StreamTestClients {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration NEXT_TIMEOUT = Duration.ofSeconds(20);

    private StreamTestClients() {
    }

    /** A stream of JSON messages: the SSE {@code data:} lines or the WebSocket text frames. */
    abstract static class MessageStream implements AutoCloseable {
        private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();

        @Override
        public abstract void close();

        final void arrived(String json) {
            JsonNode message = parse(json);
            if (!"ping".equals(message.path("type").asText())) {
                messages.add(message);
            }
        }

        final void ended() {
            messages.add(JSON.createObjectNode().put("type", "ended"));
        }

        /** The next message, failing the test when none arrives within 20 s. */
        final JsonNode next() throws InterruptedException {
            JsonNode message = poll(NEXT_TIMEOUT);
            if (message == null) {
                throw new AssertionError("no stream message within " + NEXT_TIMEOUT);
            }
            return message;
        }

        /** The next message within {@code wait}, or null. */
        final JsonNode poll(Duration wait) throws InterruptedException {
            return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** {@code GET /events} with the key in {@code X-API-Key}; the greeting has been read when this returns. */
    static Sse sse(int port, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
                .header("X-API-Key", key).GET().build();
        HttpResponse<Stream<String>> response = HTTP.send(request,
                HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /events answered " + response.statusCode());
        }
        Sse sse = new Sse(response);
        JsonNode greeting = sse.next();
        if (!greeting.has("connection_id")) {
            throw new AssertionError("the SSE stream began with " + greeting);
        }
        return sse;
    }

    /** {@code GET /ws} with the key in {@code api_key}; the greeting has been read when this returns. */
    static Ws ws(int port, String key) throws Exception {
        Ws ws = new Ws();
        ws.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws?api_key=" + key), ws)
                .get(20, TimeUnit.SECONDS);
        JsonNode greeting = ws.next();
        if (!"connected".equals(greeting.path("type").asText())) {
            throw new AssertionError("the WebSocket began with " + greeting);
        }
        return ws;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /** An SSE stream read by a daemon thread: each {@code data:} line of an event other than {@code ping}. */
    static final class Sse extends MessageStream {
        private final HttpResponse<Stream<String>> response;

        private Sse(HttpResponse<Stream<String>> response) {
            this.response = response;
            Thread reader = new Thread(this::read, "app-test-sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            String event = null;
            try (Stream<String> lines = response.body()) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ") && !"ping".equals(event)) {
                        arrived(line.substring(6));
                    }
                }
            } catch (RuntimeException e) {
                // closed by the test or the server: reported as the end below
            }
            ended();
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    /** A WebSocket whose text frames are the messages. */
    static final class Ws extends MessageStream implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                arrived(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended();
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}
