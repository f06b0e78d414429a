package dev.handoffrail.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.http.route.HttpPipeline;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RoutingAndEnvelopeTest {
    private static ApiHarness api;
    private static String reader;

    @BeforeAll
    static void start() {
        api = ApiHarness.start(HttpSettings.defaults().withCorsOrigins(List.of("https://app.example.com")),
                new EchoRoutes());
        reader = api.key(Role.READER, Tier.BUSINESS);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void an_unknown_path_is_a_404_envelope_carrying_the_request_id() {
        TestResponse response = api.client.get("/api/v1/nothing-here", "X-API-Key", reader);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).isEqualToIgnoringWhitespace("application/json; charset=utf-8");
        assertThat(response.json()).containsEntry("code", "NOT_FOUND").containsEntry("status_code", 404L)
                .containsEntry("request_id", response.header("X-Request-ID"));
        assertThat(response.json().get("detail")).isInstanceOf(String.class);
    }

    @Test
    void a_wrong_method_is_a_405_with_the_allowed_methods() {
        TestResponse response = api.client.send("PUT", "/api/v1/items", "{}", "X-API-Key", reader);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("GET, POST");
        assertThat(response.json()).containsEntry("code", "METHOD_NOT_ALLOWED").containsEntry("status_code", 405L);
    }

    @Test
    void a_path_the_server_cannot_decode_is_a_400_envelope_whatever_the_method() {
        for (String method : List.of("GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS")) {
            TestResponse response = api.client.send(method, "/api/v1/items/%ED%A0%80", "{}", "X-API-Key", reader);

            assertThat(response.status()).as(method).isEqualTo(400);
            assertThat(response.json()).as(method).containsEntry("code", "VALIDATION_ERROR")
                    .containsEntry("status_code", 400L).containsEntry("detail", "Bad Request");
        }
    }

    @Test
    void head_passes_the_same_checks_as_get() {
        assertThat(api.client.send("HEAD", "/api/v1/items", null).status()).isEqualTo(401);

        TestResponse authenticated = api.client.send("HEAD", "/api/v1/items", null, "X-API-Key", reader);
        assertThat(authenticated.status()).isEqualTo(200);
        assertThat(authenticated.body()).isEmpty();
    }

    @Test
    void a_literal_segment_wins_over_a_path_parameter() {
        TestResponse response = api.client.get("/api/v1/items/special", "X-API-Key", reader);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).containsEntry("special", true);
    }

    @Test
    void a_literal_segment_is_never_taken_as_an_id_by_another_method() {
        TestResponse response = api.client.send("DELETE", "/api/v1/items/special", null, "X-API-Key", reader);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("GET");
        assertThat(response.json()).containsEntry("code", "METHOD_NOT_ALLOWED");
    }

    @Test
    void a_405_is_decided_before_authentication() {
        TestResponse response = api.client.send("PUT", "/api/v1/items", "{}");

        assertThat(response.status()).isEqualTo(405);
    }

    @Test
    void a_404_is_decided_before_authentication() {
        TestResponse response = api.client.get("/api/v1/unknown");

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void a_trailing_slash_is_insignificant() {
        TestResponse plain = api.client.get("/api/v1/items/abc", "X-API-Key", reader);
        TestResponse slashed = api.client.get("/api/v1/items/abc/", "X-API-Key", reader);

        assertThat(slashed.status()).isEqualTo(200);
        assertThat(slashed.body()).isEqualTo(plain.body());
        assertThat(api.client.get("/api/v1/items/", "X-API-Key", reader).status()).isEqualTo(200);
    }

    @Test
    void a_valid_request_id_is_echoed() {
        TestResponse response = api.client.get("/api/v1/items", "X-API-Key", reader, "X-Request-ID", "abc.DEF_1-2");

        assertThat(response.header("X-Request-ID")).isEqualTo("abc.DEF_1-2");
    }

    @Test
    void an_invalid_request_id_is_replaced_by_a_uuid() {
        String tooLong = "a".repeat(129);
        TestResponse longOne = api.client.get("/api/v1/items", "X-API-Key", reader, "X-Request-ID", tooLong);
        TestResponse badChars = api.client.get("/api/v1/nope", "X-Request-ID", "has space");

        assertThat(longOne.header("X-Request-ID")).matches("[0-9a-f-]{36}");
        assertThat(badChars.header("X-Request-ID")).matches("[0-9a-f-]{36}");
        assertThat(badChars.json()).containsEntry("request_id", badChars.header("X-Request-ID"));
    }

    @Test
    void a_request_id_of_128_characters_is_echoed() {
        String longest = "b".repeat(128);

        assertThat(api.client.get("/health", "X-Request-ID", longest).header("X-Request-ID")).isEqualTo(longest);
    }

    @Test
    void every_response_carries_a_request_id() {
        assertThat(api.client.get("/health").header("X-Request-ID")).isNotBlank();
        assertThat(api.client.get("/api/v1/items").header("X-Request-ID")).isNotBlank();
        assertThat(api.client.send("DELETE", "/api/v1/items/x", null, "X-API-Key",
                api.key(Role.WRITER, Tier.BUSINESS)).header("X-Request-ID")).isNotBlank();
    }

    @Test
    void an_unexpected_failure_is_a_500_that_leaks_nothing() {
        TestResponse response = api.client.get("/api/v1/items/boom", "X-API-Key", reader);

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.json()).containsOnlyKeys("detail", "code", "status_code", "request_id")
                .containsEntry("detail", "Internal server error").containsEntry("code", "SERVER_ERROR");
        assertThat(response.body()).doesNotContain("secret").doesNotContain("IllegalState");
    }

    @Test
    void an_unexpected_failure_is_logged_with_its_request_id() {
        Logger logger = (Logger) LoggerFactory.getLogger(HttpPipeline.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            api.client.get("/api/v1/items/boom", "X-API-Key", reader, "X-Request-ID", "trace-me");
        } finally {
            logger.detachAppender(appender);
        }

        assertThat(appender.list).hasSize(1);
        ILoggingEvent event = appender.list.get(0);
        assertThat(event.getLevel()).isEqualTo(Level.ERROR);
        assertThat(event.getKeyValuePairs()).anySatisfy(pair -> {
            assertThat(pair.key).isEqualTo("request_id");
            assertThat(pair.value).isEqualTo("trace-me");
        });
        assertThat(event.getThrowableProxy().getMessage()).isEqualTo("secret internal detail");
    }

    @Test
    void a_request_the_server_cannot_parse_still_gets_the_json_envelope() {
        String badUri = api.client.raw("GET /api/v1/items/%zz HTTP/1.1\r\nHost: x", new byte[0]);
        String hugeHeader = api.client.raw("GET /api/v1/items HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000),
                new byte[0]);

        assertThat(badUri).startsWith("HTTP/1.1 400").contains("X-Request-ID: ")
                .contains("{\"detail\":\"Bad Request\",\"code\":\"VALIDATION_ERROR\",\"status_code\":400,")
                .doesNotContain("<html>");
        assertThat(hugeHeader).startsWith("HTTP/1.1 431").contains("\"status_code\":431").doesNotContain("<html>");
    }

    @Test
    void a_streamed_reply_is_written_as_produced_with_its_headers() {
        TestResponse response = api.client.get("/api/v1/items/export", "X-API-Key", reader);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/x-ndjson");
        assertThat(response.header("Content-Disposition")).isEqualTo("attachment; filename=\"items.ndjson\"");
        assertThat(response.header("X-Request-ID")).isNotBlank();
        assertThat(response.body()).isEqualTo("{\"line\":0}\n{\"line\":1}\n{\"line\":2}\n");
    }

    @Test
    void a_204_has_an_empty_body() {
        TestResponse response = api.client.send("DELETE", "/api/v1/items/abc", null, "X-API-Key",
                api.key(Role.WRITER, Tier.BUSINESS));

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void a_204_has_no_content_type() {
        TestResponse response = api.client.send("DELETE", "/api/v1/items/abc", null, "X-API-Key",
                api.key(Role.WRITER, Tier.BUSINESS));

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.header("Content-Type")).isNull();
    }

    @Test
    void an_allowed_origin_gets_cors_headers_exposing_request_id_and_rate_limits() {
        TestResponse response = api.client.get("/api/v1/items", "X-API-Key", reader,
                "Origin", "https://app.example.com");

        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(response.header("Access-Control-Expose-Headers")).contains("X-Request-ID", "Retry-After",
                "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Hourly-Limit");
    }

    @Test
    void an_unlisted_origin_gets_no_cors_headers() {
        TestResponse response = api.client.get("/api/v1/items", "X-API-Key", reader,
                "Origin", "https://evil.example.com");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void a_preflight_from_an_allowed_origin_is_answered_without_a_key() {
        TestResponse response = api.client.send("OPTIONS", "/api/v1/items", null,
                "Origin", "https://app.example.com", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "x-api-key, content-type");

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(response.header("Access-Control-Allow-Methods")).contains("POST", "PATCH", "DELETE");
        assertThat(response.header("Access-Control-Allow-Headers")).isEqualTo("x-api-key, content-type");
    }

    @Test
    void a_wildcard_origin_setting_allows_any_origin() {
        try (ApiHarness open = ApiHarness.start(HttpSettings.defaults(), new EchoRoutes())) {
            TestResponse response = open.client.get("/health", "Origin", "https://anything.example");

            assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("*");
        }
    }
}
