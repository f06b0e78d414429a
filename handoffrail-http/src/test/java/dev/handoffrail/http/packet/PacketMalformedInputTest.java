package dev.handoffrail.http.packet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.http.ApiHarness;
import dev.handoffrail.http.TestResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and broken bodies against every packet endpoint that reads one (free tier: 64 KiB packets): each gets
 * its 4xx, and the stored packets, their history and the packet count read back unchanged. Each run starts a
 * new UTC hour so the free tier's request windows (60 a minute, 100 an hour) never interfere.
 */
class PacketMalformedInputTest {
    private static final int PACKET_LIMIT = 65_536;
    private static final int DEFAULT_LIMIT = 262_144;
    private static ApiHarness api;
    private static String admin;
    private static String id;

    @BeforeAll
    static void start() {
        api = ApiHarness.real();
        admin = api.key(Role.ADMIN, Tier.FREE);
        TestResponse created = api.client.send("POST", "/api/v1/packets",
                PacketBodies.checkpointJson("a", "b", List.of("Yes")), "X-API-Key", admin);
        assertThat(created.status()).isEqualTo(201);
        id = (String) created.json().get("id");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("POST", "/api/v1/packets", PACKET_LIMIT),
                Arguments.of("POST", "/api/v1/packets/{id}/chain", PACKET_LIMIT),
                Arguments.of("PATCH", "/api/v1/packets/{id}", PACKET_LIMIT),
                Arguments.of("POST", "/api/v1/packets/batch", PACKET_LIMIT * 50),
                Arguments.of("POST", "/api/v1/packets/{id}/claim", DEFAULT_LIMIT),
                Arguments.of("POST", "/api/v1/packets/{id}/respond", DEFAULT_LIMIT),
                Arguments.of("POST", "/api/v1/packets/batch/claim", DEFAULT_LIMIT),
                Arguments.of("POST", "/api/v1/packets/batch/complete", DEFAULT_LIMIT),
                Arguments.of("POST", "/api/v1/packets/claim-next", DEFAULT_LIMIT));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void broken_bodies_get_their_4xx_and_change_nothing(String method, String template, int limit) {
        api.clock.advance(Duration.ofHours(1));
        String path = template.replace("{id}", id);
        Snapshot before = snapshot();

        expect(send(method, path, "{\"metadata\": {", "application/json"), 400, "MALFORMED_JSON");
        expect(send(method, path, "[{\"agent_id\":\"x\"}]", "application/json"), 400, "MALFORMED_JSON");
        expect(send(method, path, "{} {}", "application/json"), 400, "MALFORMED_JSON");
        expect(send(method, path, nested(40), "application/json"), 400, "MALFORMED_JSON");
        expect(send(method, path, wrongTypes(), "application/json"), 400, "VALIDATION_ERROR");
        expect(send(method, path, "{\"status\":\"completed\"}", "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE");
        expect(send(method, path, padded(limit + 1), "application/json"), 413, "PAYLOAD_TOO_LARGE");
        expect(api.client.sendChunked(method, path, padded(limit + 1).getBytes(StandardCharsets.UTF_8),
                "X-API-Key", admin, "Content-Type", "application/json"), 413, "PAYLOAD_TOO_LARGE");

        assertThat(snapshot()).isEqualTo(before);
    }

    private record Snapshot(String packet, String history, Object total) {
    }

    private static Snapshot snapshot() {
        return new Snapshot(api.client.get("/api/v1/packets/" + id, "X-API-Key", admin).body(),
                api.client.get("/api/v1/packets/" + id + "/history", "X-API-Key", admin).body(),
                api.client.get("/api/v1/packets", "X-API-Key", admin).json().get("total"));
    }

    private static TestResponse send(String method, String path, String body, String contentType) {
        return api.client.send(method, path, body, "X-API-Key", admin, "Content-Type", contentType);
    }

    private static void expect(TestResponse response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json()).containsEntry("code", code);
    }

    /** Every field each endpoint reads, with a value of the wrong type. */
    private static String wrongTypes() {
        return "{\"metadata\":5,\"context\":[],\"status\":7,\"decisions\":{},\"packets\":\"all\","
                + "\"packet_ids\":{},\"agent_id\":5,\"agent_name\":[],\"response\":true,\"responded_by\":1}";
    }

    private static String nested(int depth) {
        return "{\"context\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}";
    }

    private static String padded(int bytes) {
        return "{\"pad\":\"" + "p".repeat(bytes - 10) + "\"}";
    }
}
