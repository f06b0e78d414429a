package dev.handoffrail.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** Sends one logical call with the retry policy, maps error answers to exceptions. Thread-safe. */
final class Transport {
    static final String USER_AGENT = "handoffrail-java-client/0.1";

    private final HttpClient http;
    private final String root;
    private final String apiKey;
    private final ObjectMapper json;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Duration requestTimeout;
    private final Clock clock;

    Transport(HttpClient http, String root, String apiKey, ObjectMapper json, RetryPolicy retry, Sleeper sleeper,
              Duration requestTimeout, Clock clock) {
        this.http = http;
        this.root = root;
        this.apiKey = apiKey;
        this.json = json;
        this.retry = retry;
        this.sleeper = sleeper;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    ObjectMapper json() {
        return json;
    }

    /** One request: {@code idempotent} allows retries on transport failures and 503. */
    record Call(String method, String path, List<String[]> query, Object body, boolean idempotent,
                String idempotencyKey, Duration extraTimeout, List<String[]> headers) {
        static Call get(String path) {
            return new Call("GET", path, new ArrayList<>(), null, true, null, Duration.ZERO, new ArrayList<>());
        }

        static Call send(String method, String path, Object body) {
            return new Call(method, path, new ArrayList<>(), body, false, null, Duration.ZERO, new ArrayList<>());
        }

        /** A creation: retried freely, since the key makes the server answer a repeat with the first result. */
        static Call create(String path, Object body, String idempotencyKey) {
            return new Call("POST", path, new ArrayList<>(), body, true, idempotencyKey, Duration.ZERO,
                    new ArrayList<>());
        }

        /** Adds a request header; a null value adds nothing. */
        Call header(String name, String value) {
            if (value != null) {
                headers.add(new String[] {name, value});
            }
            return this;
        }

        Call param(String name, Object value) {
            if (value != null) {
                query.add(new String[] {name, String.valueOf(value)});
            }
            return this;
        }

        Call longPoll(Duration wait) {
            return new Call(method, path, query, body, idempotent, idempotencyKey, wait, headers);
        }
    }

    /** A successful answer. */
    record Answer(int status, byte[] body) {
    }

    <T> T call(Call call, Class<T> type) {
        return read(execute(call).body(), type);
    }

    <T> T call(Call call, TypeReference<T> type) {
        byte[] body = execute(call).body();
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new HandoffRailTransportException("unreadable answer: " + e.getMessage(), e);
        }
    }

    <T> T read(byte[] body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new HandoffRailTransportException("unreadable answer: " + e.getMessage(), e);
        }
    }

    Answer execute(Call call) {
        HttpRequest request = request(call);
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (!call.idempotent() || attempt >= retry.maxAttempts()) {
                    throw new HandoffRailTransportException(call.method() + " " + call.path() + " failed: " + e, e);
                }
                pause(retry.backoff(attempt, ThreadLocalRandom.current().nextDouble()));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HandoffRailTransportException("interrupted", e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Answer(status, response.body());
            }
            ErrorEnvelope error = envelope(response);
            Optional<Duration> wait = retryDelay(call, error, attempt);
            if (wait.isEmpty()) {
                throw error.toException();
            }
            pause(wait.get());
        }
    }

    /** A streamed answer (audit export); the caller closes it. Retried like any read until its headers arrive. */
    InputStream stream(Call call) {
        HttpRequest request = request(call);
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw new HandoffRailTransportException(call.method() + " " + call.path() + " failed: " + e, e);
                }
                pause(retry.backoff(attempt, ThreadLocalRandom.current().nextDouble()));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HandoffRailTransportException("interrupted", e);
            }
            if (response.statusCode() >= 200 && response.statusCode() < 300) {
                return response.body();
            }
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ErrorEnvelope error = envelope(response, body);
            Optional<Duration> wait = retryDelay(call, error, attempt);
            if (wait.isEmpty()) {
                throw error.toException();
            }
            pause(wait.get());
        }
    }

    private Optional<Duration> retryDelay(Call call, ErrorEnvelope error, int attempt) {
        if (attempt >= retry.maxAttempts()) {
            return Optional.empty();
        }
        Duration backoff = retry.backoff(attempt, ThreadLocalRandom.current().nextDouble());
        int status = error.statusCode();
        boolean retryable = status == 429
                || status == 503 && call.idempotent()
                || "IDEMPOTENCY_KEY_IN_USE".equals(error.code()) && call.idempotencyKey() != null;
        if (!retryable) {
            return Optional.empty();
        }
        if (error.retryAfter() == null) {
            return Optional.of(backoff);
        }
        if (error.retryAfter().compareTo(retry.maxRetryAfter()) > 0) {
            return Optional.empty();
        }
        return Optional.of(error.retryAfter());
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandoffRailTransportException("interrupted while waiting to retry", e);
        }
    }

    private ErrorEnvelope envelope(HttpResponse<byte[]> response) {
        return envelope(response, response.body());
    }

    private ErrorEnvelope envelope(HttpResponse<?> response, byte[] body) {
        JsonNode node = null;
        if (body != null && body.length > 0) {
            try {
                node = json.readTree(body);
            } catch (IOException e) {
                node = null;
            }
        }
        Optional<Duration> retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                clock.instant());
        return ErrorEnvelope.of(response.statusCode(), node,
                response.headers().firstValue("X-Request-ID").orElse(null), retryAfter.orElse(null));
    }

    /**
     * One attempt at a streamed {@code GET} (the event stream): no retry here, the caller decides. A non-2xx
     * answer is read, closed and thrown as the exception its envelope names.
     */
    InputStream openStream(Call call, String accept, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder builder = requestBuilder(call, accept);
        if (lastEventId != null && !lastEventId.isEmpty()) {
            builder.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = http.send(builder.GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 200 && response.statusCode() < 300) {
            return response.body();
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readAllBytes();
        }
        throw envelope(response, body).toException();
    }

    private HttpRequest request(Call call) {
        HttpRequest.Builder builder = requestBuilder(call, "application/json");
        if (call.body() == null) {
            return builder.method(call.method(), HttpRequest.BodyPublishers.noBody()).build();
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(call.body());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request as JSON: " + e.getMessage(), e);
        }
        return builder.header("Content-Type", "application/json")
                .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private HttpRequest.Builder requestBuilder(Call call, String accept) {
        StringBuilder uri = new StringBuilder(root).append(call.path());
        char separator = '?';
        for (String[] parameter : call.query()) {
            uri.append(separator).append(encode(parameter[0])).append('=').append(encode(parameter[1]));
            separator = '&';
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri.toString()))
                .timeout(requestTimeout.plus(call.extraTimeout()))
                .header("User-Agent", USER_AGENT)
                .header("Accept", accept);
        if (apiKey != null) {
            builder.header("X-API-Key", apiKey);
        }
        if (call.idempotencyKey() != null) {
            builder.header("Idempotency-Key", call.idempotencyKey());
        }
        for (String[] header : call.headers()) {
            builder.header(header[0], header[1]);
        }
        return builder;
    }

    /** {@code value} as one URL path segment. */
    static String segment(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("an id is never empty");
        }
        return encode(value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
