package dev.handoffrail.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.tenant.Tier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RequestBodyTest {
    private static final int FREE_PACKET_LIMIT = 65_536;
    private static ApiHarness api;
    private static EchoRoutes routes;
    private static String freeWriter;

    @BeforeAll
    static void start() {
        routes = new EchoRoutes();
        api = ApiHarness.start(HttpSettings.defaults().withMaxJsonDepth(5), routes);
        freeWriter = api.key(Role.WRITER, Tier.FREE);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void a_body_at_the_tier_limit_is_accepted() {
        TestResponse response = post(objectOfSize(FREE_PACKET_LIMIT));

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void a_body_over_the_tier_limit_is_413_with_tier_and_limit() {
        int before = routes.creations.get();

        TestResponse response = post(objectOfSize(70_000));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json()).containsEntry("code", "PAYLOAD_TOO_LARGE").containsEntry("tier", "free")
                .containsEntry("limit_bytes", 65_536L)
                .containsEntry("detail", "Request body too large: 70000 bytes (max 65536 bytes for free tier)");
        assertThat(routes.creations.get()).isEqualTo(before);
    }

    @Test
    void a_chunked_body_over_the_limit_is_413() {
        TestResponse response = api.client.sendChunked("POST", "/api/v1/items",
                objectOfSize(70_000).getBytes(StandardCharsets.UTF_8), "X-API-Key", freeWriter);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json()).containsEntry("limit_bytes", 65_536L);
    }

    @Test
    void a_chunked_body_within_the_limit_is_accepted() {
        TestResponse response = api.client.sendChunked("POST", "/api/v1/items",
                "{\"chunked\":true}".getBytes(StandardCharsets.UTF_8), "X-API-Key", freeWriter);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json()).containsEntry("chunked", true);
    }

    @Test
    void the_limit_follows_the_tier() {
        String proWriter = api.key(Role.WRITER, Tier.PRO);

        TestResponse response = api.client.send("POST", "/api/v1/items", objectOfSize(70_000), "X-API-Key",
                proWriter);

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void other_routes_are_held_to_the_default_limit() {
        String business = api.key(Role.WRITER, Tier.BUSINESS);

        TestResponse response = api.client.send("POST", "/api/v1/items/typed", objectOfSize(262_145),
                "X-API-Key", business);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json()).containsEntry("limit_bytes", 262_144L).containsEntry("tier", "business");
    }

    @Test
    void a_raw_chunked_body_over_the_limit_is_413() {
        byte[] body = objectOfSize(70_000).getBytes(StandardCharsets.UTF_8);

        String response = api.client.raw("POST /api/v1/items HTTP/1.1\r\nHost: x\r\nX-API-Key: " + freeWriter
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked", chunked(body));

        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
    }

    @Test
    void a_content_length_shorter_than_the_body_admits_only_the_declared_bytes() {
        int before = routes.creations.get();
        byte[] body = objectOfSize(70_000).getBytes(StandardCharsets.UTF_8);

        String response = api.client.raw("POST /api/v1/items HTTP/1.1\r\nHost: x\r\nX-API-Key: " + freeWriter
                + "\r\nContent-Type: application/json\r\nContent-Length: 100", body);

        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).contains("\"code\":\"MALFORMED_JSON\"");
        assertThat(routes.creations.get()).isEqualTo(before);
    }

    @Test
    void a_body_with_a_non_json_content_type_is_415() {
        TestResponse response = api.client.send("POST", "/api/v1/items", "{\"a\":1}", "X-API-Key", freeWriter,
                "Content-Type", "text/plain");

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.json()).containsEntry("code", "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void a_form_body_is_415() {
        TestResponse response = api.client.send("POST", "/api/v1/items", "a=1", "X-API-Key", freeWriter,
                "Content-Type", "application/x-www-form-urlencoded");

        assertThat(response.status()).isEqualTo(415);
    }

    @Test
    void json_with_a_utf8_charset_parameter_is_accepted() {
        TestResponse response = api.client.send("POST", "/api/v1/items", "{\"a\":1}", "X-API-Key", freeWriter,
                "Content-Type", "application/json; charset=UTF-8");

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void json_in_another_charset_is_415() {
        TestResponse response = api.client.send("POST", "/api/v1/items", "{\"a\":1}", "X-API-Key", freeWriter,
                "Content-Type", "application/json; charset=iso-8859-1");

        assertThat(response.status()).isEqualTo(415);
    }

    @Test
    void an_oversized_body_of_the_wrong_type_is_413_because_size_comes_first() {
        TestResponse response = api.client.send("POST", "/api/v1/items", "x".repeat(70_000), "X-API-Key",
                freeWriter, "Content-Type", "text/plain");

        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void a_route_without_a_body_ignores_whatever_is_sent() {
        TestResponse response = api.client.send("DELETE", "/api/v1/items/abc", "not json at all", "X-API-Key",
                freeWriter, "Content-Type", "text/plain");

        assertThat(response.status()).isEqualTo(204);
    }

    @Test
    void unparseable_json_is_400_malformed_json() {
        for (String garbage : List.of("{", "{\"a\":}", "nope", "{\"a\":1} trailing", "{'a':1}", "\u0000")) {
            TestResponse response = post(garbage);

            assertThat(response.status()).as(garbage).isEqualTo(400);
            assertThat(response.json()).as(garbage).containsEntry("code", "MALFORMED_JSON");
        }
    }

    @Test
    void a_top_level_that_is_not_an_object_is_400_malformed_json() {
        for (String value : List.of("[]", "[{}]", "\"text\"", "42", "null", "true")) {
            TestResponse response = post(value);

            assertThat(response.status()).as(value).isEqualTo(400);
            assertThat(response.json()).as(value).containsEntry("code", "MALFORMED_JSON");
        }
    }

    @Test
    void an_empty_body_where_one_is_required_is_400_malformed_json() {
        TestResponse response = api.client.send("POST", "/api/v1/items", "", "X-API-Key", freeWriter);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).containsEntry("code", "MALFORMED_JSON");
    }

    @Test
    void an_empty_body_where_one_is_optional_reads_as_an_empty_object() {
        TestResponse response = api.client.send("PATCH", "/api/v1/items/abc", null, "X-API-Key",
                api.key(Role.AGENT, Tier.FREE));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEmpty();
    }

    @Test
    void nesting_at_the_depth_limit_is_accepted_and_beyond_it_is_400() {
        String atLimit = "{\"a\":{\"b\":{\"c\":{\"d\":[1]}}}}";
        String beyond = "{\"a\":{\"b\":{\"c\":{\"d\":[[1]]}}}}";

        assertThat(post(atLimit).status()).isEqualTo(201);
        TestResponse refused = post(beyond);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json()).containsEntry("code", "MALFORMED_JSON");
        assertThat((String) refused.json().get("detail")).contains("nesting");
    }

    @Test
    void very_deep_nesting_is_refused_without_a_server_error() {
        String deep = "[".repeat(100_000);

        TestResponse response = api.client.send("POST", "/api/v1/items/typed", deep, "X-API-Key",
                api.key(Role.WRITER, Tier.BUSINESS));

        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void numbers_and_unicode_survive_parsing() {
        TestResponse response = post("{\"i\":9007199254740993,\"big\":123456789012345678901234567890,"
                + "\"f\":1.5,\"s\":\"caf\\u00e9 \u2603\"}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json()).containsEntry("i", 9_007_199_254_740_993L).containsEntry("f", 1.5)
                .containsEntry("s", "caf\u00e9 \u2603")
                .containsEntry("big", new java.math.BigInteger("123456789012345678901234567890"));
    }

    @Test
    void wrong_types_are_400_validation_error_listing_every_field() {
        TestResponse response = api.client.send("POST", "/api/v1/items/typed",
                "{\"count\":\"three\",\"tags\":[\"a\",2]}", "X-API-Key", freeWriter);

        assertThat(response.status()).isEqualTo(400);
        Map<String, Object> body = response.json();
        assertThat(body).containsEntry("code", "VALIDATION_ERROR").containsEntry("field", "name")
                .containsEntry("detail", "name: field is required");
        assertThat(body.get("errors")).isEqualTo(List.of(
                Map.of("field", "name", "message", "field is required"),
                Map.of("field", "count", "message", "must be an integer"),
                Map.of("field", "tags[1]", "message", "must be a string")));
    }

    @Test
    void explicit_nulls_read_as_not_provided() {
        TestResponse response = api.client.send("POST", "/api/v1/items/typed",
                "{\"name\":\"n\",\"count\":null,\"tags\":null,\"unknown\":{\"x\":1}}", "X-API-Key", freeWriter);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).containsEntry("name", "n").containsEntry("count", null)
                .containsEntry("tags", null);
    }

    @Test
    void a_large_body_refused_before_it_is_read_still_gets_its_answer() throws Exception {
        byte[] body = objectOfSize(300_000).getBytes(StandardCharsets.UTF_8);
        record Refusal(String method, String path, String key, int status) {
        }
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Queue<String> unanswered = new ConcurrentLinkedQueue<>();
        java.util.Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                // a key per sender: 25 refusals each stay within the 60 requests per minute of a key
                List<Refusal> refusals = List.of(new Refusal("POST", "/api/v1/items", api.key(Role.READER, Tier.FREE),
                                403), new Refusal("POST", "/api/v1/nothing-here", freeWriter, 404),
                        new Refusal("PATCH", "/api/v1/items", freeWriter, 405));
                senders.add(pool.submit(() -> {
                    for (int i = 0; i < 75; i++) {
                        Refusal refusal = refusals.get(i % refusals.size());
                        HttpRequest request = HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + api.app.port() + refusal.path()))
                                .method(refusal.method(), HttpRequest.BodyPublishers.ofByteArray(body))
                                .header("Content-Type", "application/json").header("X-API-Key", refusal.key())
                                .build();
                        try {
                            int status = http.send(request, HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                            statuses.merge(status, 1, Integer::sum);
                        } catch (IOException noAnswer) {
                            unanswered.add(refusal + ": " + noAnswer);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : senders) {
                sender.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(unanswered).isEmpty();
        assertThat(statuses).isEqualTo(Map.of(403, 100, 404, 100, 405, 100));
    }

    private TestResponse post(String body) {
        return api.client.send("POST", "/api/v1/items", body, "X-API-Key", freeWriter);
    }

    /** A JSON object whose UTF-8 encoding is exactly {@code bytes} long. */
    private static String objectOfSize(int bytes) {
        return "{\"pad\":\"" + "p".repeat(bytes - 10) + "\"}";
    }

    private static byte[] chunked(byte[] body) {
        StringBuilder out = new StringBuilder();
        int chunk = 4096;
        for (int i = 0; i < body.length; i += chunk) {
            int n = Math.min(chunk, body.length - i);
            out.append(Integer.toHexString(n)).append("\r\n")
                    .append(new String(body, i, n, StandardCharsets.UTF_8)).append("\r\n");
        }
        out.append("0\r\n\r\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
