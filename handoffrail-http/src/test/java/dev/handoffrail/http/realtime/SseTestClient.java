package dev.handoffrail.http.realtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A minimal Server-Sent Events client over {@code java.net.http}: a reader thread turns the response's lines into
 * frames ({@code event:}, {@code data:} and comment lines up to a blank line), which the test takes one at a time
 * with a timeout. The end of the stream is a frame with {@code ended} set.
 */
final class SseTestClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final Thread reader;

    /** One message: its event name, its data lines joined, its comment lines; or the end of the stream. */
    record Frame(String event, String data, List<String> comments, boolean ended) {
    }

    private SseTestClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** GETs {@code pathAndQuery} with the header pairs in {@code headers}. */
    static SseTestClient open(int port, String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return new SseTestClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The next frame, failing the test when none comes within ten seconds. */
    Frame next() {
        try {
            Frame frame = frames.poll(10, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no SSE frame within 10 s");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next frame that is not a ping. */
    Frame nextEvent() {
        Frame frame = next();
        while ("ping".equals(frame.event())) {
            frame = next();
        }
        return frame;
    }

    /** Whether a frame is waiting within {@code wait} (for asserting that nothing more arrives). */
    Frame poll(Duration wait) throws InterruptedException {
        return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read() {
        String event = null;
        List<String> data = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    frames.add(new Frame(event, data.isEmpty() ? null : String.join("\n", data), List.copyOf(comments),
                            false));
                    event = null;
                    data.clear();
                    comments.clear();
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.add(line.substring(6));
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else {
                    data.add(line);
                }
            }
        } catch (RuntimeException e) {
            // the stream ended by a reset or by close(): reported below like an orderly end
        }
        if (!data.isEmpty() || !comments.isEmpty()) {
            frames.add(new Frame(event, data.isEmpty() ? null : String.join("\n", data), List.copyOf(comments),
                    false));
        }
        frames.add(new Frame(null, null, List.of(), true));
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
