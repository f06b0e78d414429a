package dev.handoffrail.http.packet;

import static dev.handoffrail.http.packet.PacketBodies.packetJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.json.JsonWriter;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.http.ApiHarness;
import dev.handoffrail.http.TestResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Claim leases over HTTP (issue 14): lease_seconds, the lease object, heartbeat and X-HR-Lease-Token. */
class LeaseEndpointsTest {
    private static ApiHarness api;
    private String writer;
    private String agent;

    @BeforeAll
    static void start() {
        api = ApiHarness.real();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @BeforeEach
    void keys() {
        writer = api.key(Role.WRITER, Tier.BUSINESS);
        agent = api.key(Role.AGENT, api.authenticated(writer).tenant());
    }

    @Test
    void a_claim_with_lease_seconds_answers_the_packet_and_its_lease_last() {
        String id = createdId();

        TestResponse claimed = send(agent, "POST", "/api/v1/packets/" + id + "/claim", claim("b", 30));

        assertThat(claimed.status()).isEqualTo(200);
        assertThat(List.copyOf(claimed.json().keySet())).endsWith("_links", "lease");
        Map<?, ?> lease = (Map<?, ?>) claimed.json().get("lease");
        assertThat((String) lease.get("token")).hasSize(43);
        assertThat(lease.get("expires_at")).isEqualTo(api.clock.instant().plusSeconds(30).toString()
                .replace("Z", ".000000Z"));
        assertThat(claimed.json()).containsEntry("status", "claimed");
    }

    @Test
    void a_claim_without_lease_seconds_answers_exactly_the_packet() {
        String id = createdId();

        TestResponse claimed = send(agent, "POST", "/api/v1/packets/" + id + "/claim", PacketBodies.claimant("b"));

        assertThat(claimed.json()).doesNotContainKey("lease");
        assertThat(claimed.body()).isEqualTo(send(agent, "GET", "/api/v1/packets/" + id, null).body());
    }

    @Test
    void heartbeat_extends_and_the_token_completes_while_a_stale_token_gets_409_lease_lost() {
        String id = createdId();
        String token = token(send(agent, "POST", "/api/v1/packets/" + id + "/claim", claim("b", 30)));
        api.clock.advance(Duration.ofSeconds(20));

        TestResponse beat = send(agent, "POST", "/api/v1/packets/" + id + "/heartbeat", "{\"lease_seconds\":60}",
                "X-HR-Lease-Token", token);
        TestResponse wrong = send(agent, "POST", "/api/v1/packets/" + id + "/heartbeat", null,
                "X-HR-Lease-Token", "forged");
        TestResponse withoutToken = send(agent, "PATCH", "/api/v1/packets/" + id, "{\"status\":\"completed\"}");
        TestResponse done = send(agent, "PATCH", "/api/v1/packets/" + id, "{\"status\":\"completed\"}",
                "X-HR-Lease-Token", token);

        assertThat(beat.status()).isEqualTo(200);
        assertThat(((Map<?, ?>) beat.json().get("lease")).get("expires_at"))
                .isEqualTo(api.clock.instant().plusSeconds(60).toString().replace("Z", ".000000Z"));
        assertThat(wrong.status()).isEqualTo(409);
        assertThat(wrong.json()).containsEntry("code", "LEASE_LOST");
        assertThat(withoutToken.status()).isEqualTo(409);
        assertThat(withoutToken.json()).containsEntry("code", "LEASE_LOST");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json()).containsEntry("status", "completed");
    }

    @Test
    void after_expiry_the_sweeper_releases_and_the_old_token_changes_nothing() {
        String id = createdId();
        String token = token(send(agent, "POST", "/api/v1/packets/" + id + "/claim", claim("b", 5)));
        api.clock.advance(Duration.ofSeconds(5));
        api.rail.expirySweeper().runOnce();
        TestResponse next = send(agent, "POST", "/api/v1/packets/claim-next", claimNext("c", 60));
        String before = send(agent, "GET", "/api/v1/packets/" + id, null).body();

        TestResponse late = send(agent, "PATCH", "/api/v1/packets/" + id, "{\"status\":\"completed\"}",
                "X-HR-Lease-Token", token);

        assertThat(next.json()).containsEntry("id", id);
        assertThat(token(next)).isNotEqualTo(token);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json()).containsEntry("code", "LEASE_LOST");
        assertThat(send(agent, "GET", "/api/v1/packets/" + id, null).body()).isEqualTo(before);
    }

    @Test
    void out_of_range_lease_seconds_and_a_missing_heartbeat_token_are_400() {
        String id = createdId();

        TestResponse tooShort = send(agent, "POST", "/api/v1/packets/" + id + "/claim", claim("b", 4));
        TestResponse notANumber = send(agent, "POST", "/api/v1/packets/" + id + "/claim",
                "{\"agent_id\":\"b\",\"agent_name\":\"B\",\"lease_seconds\":\"ten\"}");
        TestResponse noToken = send(agent, "POST", "/api/v1/packets/" + id + "/heartbeat", null);

        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json()).containsEntry("code", "VALIDATION_ERROR");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(noToken.status()).isEqualTo(400);
        assertThat(send(agent, "GET", "/api/v1/packets/" + id, null).json()).containsEntry("status", "created");
    }

    private String createdId() {
        return (String) send(writer, "POST", "/api/v1/packets", packetJson("a", "b", "leased work")).json().get("id");
    }

    private static String claim(String agentId, int leaseSeconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent_id", agentId);
        body.put("agent_name", agentId + "-bot");
        body.put("lease_seconds", leaseSeconds);
        return JsonWriter.write(body);
    }

    private static String claimNext(String agentId, int leaseSeconds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agent_id", agentId);
        body.put("agent_name", agentId + "-bot");
        body.put("target_agent", "*");
        body.put("lease_seconds", leaseSeconds);
        return JsonWriter.write(body);
    }

    private static String token(TestResponse response) {
        return (String) ((Map<?, ?>) response.json().get("lease")).get("token");
    }

    private static TestResponse send(String key, String method, String path, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "X-API-Key";
        all[1] = key;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return api.client.send(method, path, body, all);
    }
}
