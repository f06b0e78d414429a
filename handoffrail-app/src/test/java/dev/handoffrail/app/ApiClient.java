package dev.handoffrail.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A minimal JSON client for end-to-end tests against a running server. */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String key;
    private final Duration timeout;

    ApiClient(int port, String key) {
        this(port, key, Duration.ofSeconds(10));
    }

    ApiClient(int port, String key, Duration timeout) {
        this.base = "http://127.0.0.1:" + port;
        this.key = key;
        this.timeout = timeout;
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    String text(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    Reply send(String method, String path, String json) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        return key == null ? builder : builder.header("X-API-Key", key);
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
        return new Reply(response.statusCode(), body);
    }

    record Reply(int status, JsonNode body) {
    }
}
