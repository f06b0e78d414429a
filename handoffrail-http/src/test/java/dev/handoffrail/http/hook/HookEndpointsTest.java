package dev.handoffrail.http.hook;

import static dev.handoffrail.http.LiveApi.assertValidation;
import static dev.handoffrail.http.LiveApi.map;
import static dev.handoffrail.http.LiveApi.pluck;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.http.LiveApi;
import dev.handoffrail.http.TestResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HookEndpointsTest {
    private static final String URL = "https://hooks.example.com/handoffrail";
    private static final String SECRET = "whsec_4f1d0c9e8b7a6a5b4c3d";
    private static final String T0 = "2026-05-30T12:00:00.000000Z";

    private LiveApi api;
    private String writer;
    private String admin;

    @BeforeEach
    void start() {
        api = LiveApi.start();
        api.tenant("acme", "pro");
        writer = api.key("acme", "writer");
        admin = api.key("acme", "admin");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private TestResponse register(String body) {
        return api.call(writer, "POST", "/api/v1/hooks", body);
    }

    private String hook(String events) {
        TestResponse created = register("{\"url\": \"" + URL + "\", \"secret\": \"" + SECRET + "\"" + events + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return (String) created.json().get("id");
    }

    private List<Object> hooks() {
        return api.get(writer, "/api/v1/hooks").jsonArray();
    }

    private List<Object> deliveries(String hook, String query) {
        TestResponse response = api.get(writer, "/api/v1/hooks/" + hook + "/deliveries" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.jsonArray();
    }

    @Test
    void a_registered_webhook_never_shows_its_secret_and_defaults_its_events() {
        TestResponse created = register("{\"url\": \"" + URL + "\", \"secret\": \"" + SECRET + "\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(SECRET);
        assertThat(created.json()).isEqualTo(Map.of("id", created.json().get("id"), "url", URL, "tenant_id", "acme",
                "events", List.of("packet.created", "packet.claimed", "packet.completed", "packet.failed"),
                "active", true, "created_at", T0));
        assertThat(api.get(writer, "/api/v1/hooks").body()).doesNotContain(SECRET);
    }

    @Test
    void rotating_a_secret_shows_the_new_one_once_with_the_end_of_the_grace_period() {
        String hook = hook("");

        TestResponse rotated = api.call(writer, "POST", "/api/v1/hooks/" + hook + "/rotate-secret",
                "{\"grace_period_seconds\": 3600}");

        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String secret = (String) rotated.json().get("secret");
        assertThat(secret).startsWith("whsec_").hasSize(49).isNotEqualTo(SECRET);
        assertThat(rotated.json()).containsEntry("id", hook).containsEntry("active", true)
                .containsEntry("previous_secret_expires_at", "2026-05-30T13:00:00.000000Z");
        assertThat(rotated.body()).doesNotContain(SECRET);
        assertThat(api.get(writer, "/api/v1/hooks").body()).doesNotContain(secret);

        TestResponse immediate = api.call(writer, "POST", "/api/v1/hooks/" + hook + "/rotate-secret", "");
        assertThat(immediate.status()).as(immediate.toString()).isEqualTo(200);
        assertThat(immediate.json()).containsEntry("previous_secret_expires_at", "2026-05-31T12:00:00.000000Z");
    }

    @Test
    void a_rotation_with_a_bad_grace_period_an_unknown_or_an_inactive_webhook_is_refused() {
        String hook = hook("");

        assertValidation(api.call(writer, "POST", "/api/v1/hooks/" + hook + "/rotate-secret",
                "{\"grace_period_seconds\": 604801}"), "grace_period_seconds", "must be between 0 and 604800");
        assertValidation(api.call(writer, "POST", "/api/v1/hooks/" + hook + "/rotate-secret",
                "{\"grace_period_seconds\": \"soon\"}"), "grace_period_seconds", "must be an integer");
        assertThat(api.call(writer, "POST", "/api/v1/hooks/not-a-uuid/rotate-secret", "").status()).isEqualTo(404);
        assertThat(api.call(api.key("acme", "agent"), "POST", "/api/v1/hooks/" + hook + "/rotate-secret", "")
                .status()).isEqualTo(403);
        api.call(writer, "DELETE", "/api/v1/hooks/" + hook, null);
        TestResponse inactive = api.call(writer, "POST", "/api/v1/hooks/" + hook + "/rotate-secret", "");
        assertThat(inactive.status()).isEqualTo(409);
        assertThat(inactive.json()).containsEntry("code", "CONFLICT");
    }

    @Test
    void chosen_events_are_de_duplicated() {
        TestResponse created = register("{\"url\": \"" + URL + "\", \"secret\": \"" + SECRET + "\", \"events\":"
                + " [\"hitl.response_ready\", \"packet.created\", \"packet.created\"]}");

        assertThat(created.json().get("events")).isEqualTo(List.of("packet.created", "hitl.response_ready"));
    }

    @Test
    void invalid_registrations_are_refused_and_store_nothing() {
        assertValidation(register("{\"secret\": \"" + SECRET + "\"}"), "url", "field is required");
        assertValidation(register("{\"url\": \"" + URL + "\"}"), "secret", "field is required");
        assertValidation(register("{\"url\": \"" + URL + "\", \"secret\": \"short\"}"), "secret",
                "must be at least 16 characters");
        assertValidation(register("{\"url\": \"" + URL + "\", \"secret\": \"" + SECRET + "\", \"events\": []}"),
                "events", "must not be empty");
        assertValidation(register("{\"url\": \"" + URL + "\", \"secret\": \"" + SECRET + "\", \"events\":"
                + " [\"packet.exploded\"]}"), "events[0]", "must be one of: packet.created, packet.chained,"
                + " packet.claimed, packet.in_progress, packet.awaiting_human, packet.completed, packet.failed,"
                + " packet.expired, packet.updated, packet.released, hitl.response_ready");
        TestResponse userInfo = register("{\"url\": \"https://user:pw@hooks.example.com/x\", \"secret\": \""
                + SECRET + "\"}");
        assertThat(userInfo.status()).isEqualTo(400);
        assertThat(userInfo.json()).containsEntry("code", "VALIDATION_ERROR").containsEntry("field", "url");
        assertThat(register("{\"url\": [").json()).containsEntry("code", "MALFORMED_JSON");
        assertValidation(register("{\"url\": 7, \"secret\": \"" + SECRET + "\"}"), "url", "must be a string");

        assertThat(hooks()).isEmpty();
    }

    @Test
    void private_addresses_are_not_allowed() {
        for (String url : List.of("https://localhost/hook", "https://10.0.0.7/hook", "https://metadata/hook")) {
            TestResponse refused = register("{\"url\": \"" + url + "\", \"secret\": \"" + SECRET + "\"}");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json()).containsEntry("code", "URL_NOT_ALLOWED").containsEntry("field", "url");
            assertThat((String) refused.json().get("detail")).startsWith("Webhook URL blocked: ");
        }
        assertThat(hooks()).isEmpty();
    }

    @Test
    void the_free_tier_has_no_webhooks_and_agents_cannot_manage_them() {
        api.tenant("small", "free");
        String freeWriter = api.key("small", "writer");
        String agent = api.key("acme", "agent");

        TestResponse quota = api.call(freeWriter, "POST", "/api/v1/hooks", "{\"url\": \"" + URL + "\", \"secret\": \""
                + SECRET + "\"}");
        TestResponse forbidden = api.call(agent, "POST", "/api/v1/hooks", "{\"url\": \"" + URL + "\", \"secret\": \""
                + SECRET + "\"}");

        assertThat(quota.status()).isEqualTo(403);
        assertThat(quota.json()).containsEntry("code", "QUOTA_EXCEEDED").containsEntry("quota", "max_webhooks")
                .containsEntry("limit", 0L).containsEntry("tier", "free");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json()).containsEntry("detail",
                "Insufficient permissions. Required role: writer, current role: agent");
        assertThat(api.get(agent, "/api/v1/hooks").status()).isEqualTo(403);
        assertThat(hooks()).isEmpty();
    }

    @Test
    void deactivation_keeps_the_webhook_listed_and_happens_once() {
        String first = hook("");
        api.clock.advance(Duration.ofSeconds(1));
        String second = hook("");

        TestResponse deactivated = api.call(writer, "DELETE", "/api/v1/hooks/" + first, null);
        TestResponse again = api.call(writer, "DELETE", "/api/v1/hooks/" + first, null);

        assertThat(deactivated.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json()).containsEntry("code", "CONFLICT")
                .containsEntry("detail", "Webhook " + first + " is already inactive");
        assertThat(pluck(hooks(), "id")).containsExactly(second, first);
        assertThat(pluck(hooks(), "active")).containsExactly(true, false);
    }

    @Test
    void another_tenants_webhook_and_malformed_ids_are_not_found() {
        api.tenant("other", "pro");
        String theirs = (String) api.call(api.key("other", "writer"), "POST", "/api/v1/hooks", "{\"url\": \"" + URL
                + "\", \"secret\": \"" + SECRET + "\"}").json().get("id");

        for (String id : List.of(theirs, "not-a-uuid")) {
            TestResponse delete = api.call(writer, "DELETE", "/api/v1/hooks/" + id, null);
            TestResponse deliveries = api.get(writer, "/api/v1/hooks/" + id + "/deliveries");
            assertThat(delete.status()).isEqualTo(404);
            assertThat(deliveries.status()).isEqualTo(404);
            assertThat(delete.json()).containsEntry("code", "NOT_FOUND");
        }
        assertThat(api.get(LiveApi.ROOT, "/api/v1/tenants/other").status()).isEqualTo(200);
    }

    @Test
    void dlq_is_a_literal_route_never_a_webhook_id() {
        TestResponse delete = api.call(writer, "DELETE", "/api/v1/hooks/dlq", null);

        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.header("Allow")).isEqualTo("GET");
        assertThat(delete.json()).containsEntry("code", "METHOD_NOT_ALLOWED");
    }

    @Test
    void deliveries_are_listed_newest_first_with_every_field() {
        String hook = hook("");
        String packet = api.packet(writer, "sales", "billing");

        List<Object> pending = deliveries(hook, "");

        assertThat(pending).hasSize(1);
        Map<String, Object> delivery = map(pending.get(0));
        assertThat(delivery).containsOnlyKeys("id", "webhook_id", "packet_id", "event_type", "status", "attempts",
                "last_error", "last_status_code", "next_retry_at", "delivered_at", "created_at", "updated_at");
        assertThat(delivery).containsEntry("webhook_id", hook).containsEntry("packet_id", packet)
                .containsEntry("event_type", "packet.created").containsEntry("status", "pending")
                .containsEntry("attempts", 0L).containsEntry("last_error", null)
                .containsEntry("last_status_code", null).containsEntry("delivered_at", null)
                .containsEntry("created_at", T0);

        api.transport.status = 503;
        api.rail.webhookDispatcher().runOnce();
        Map<String, Object> failed = map(deliveries(hook, "?status=failed").get(0));

        assertThat(failed).containsEntry("status", "failed").containsEntry("attempts", 1L)
                .containsEntry("last_error", "HTTP 503: upstream unavailable").containsEntry("last_status_code", 503L)
                .containsEntry("next_retry_at", "2026-05-30T13:00:00.000000Z");
        assertThat(deliveries(hook, "?status=delivered")).isEmpty();
        assertValidation(api.get(writer, "/api/v1/hooks/" + hook + "/deliveries?status=lost"), "status",
                "must be one of: pending, failed, delivered, dead_letter");
    }

    @Test
    void a_dead_letter_is_listed_without_delivery_state_and_can_be_replayed_once() {
        String hook = hook("");
        String packet = api.packet(writer, "sales", "billing");
        api.transport.status = 500;
        api.rail.webhookDispatcher().runOnce();
        api.clock.advance(Duration.ofHours(1));
        api.rail.webhookDispatcher().runOnce();

        List<Object> dlq = api.get(writer, "/api/v1/hooks/dlq").jsonArray();

        assertThat(dlq).hasSize(1);
        Map<String, Object> entry = map(dlq.get(0));
        assertThat(entry).containsOnlyKeys("id", "webhook_id", "packet_id", "event_type", "attempts", "last_error",
                "last_status_code", "created_at", "updated_at");
        assertThat(entry).containsEntry("webhook_id", hook).containsEntry("packet_id", packet)
                .containsEntry("attempts", 2L).containsEntry("last_status_code", 500L);

        api.transport.status = 200;
        String id = (String) entry.get("id");
        TestResponse replayed = api.call(writer, "POST", "/api/v1/hooks/dlq/" + id + "/replay", null);
        TestResponse again = api.call(writer, "POST", "/api/v1/hooks/dlq/" + id + "/replay", null);

        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json()).isEqualTo(Map.of("delivery_id", id, "replayed", true, "status", "delivered",
                "attempts", 1L));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json()).containsEntry("code", "CONFLICT");
        assertThat(api.get(writer, "/api/v1/hooks/dlq").jsonArray()).isEmpty();
        assertThat(map(deliveries(hook, "").get(0))).containsEntry("status", "delivered");
    }

    @Test
    void replaying_an_unknown_or_foreign_delivery_is_not_found() {
        TestResponse unknown = api.call(writer, "POST",
                "/api/v1/hooks/dlq/7c0e0000-0000-4000-8000-000000000000/replay", null);
        TestResponse malformed = api.call(writer, "POST", "/api/v1/hooks/dlq/xyz/replay", null);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json()).containsEntry("detail",
                "Delivery 7c0e0000-0000-4000-8000-000000000000 not found");
        assertThat(malformed.status()).isEqualTo(404);
    }

    @Test
    void retry_all_needs_an_admin_and_attempts_failed_deliveries_now() {
        String hook = hook("");
        api.packet(writer, "sales", "billing");
        api.transport.status = 502;
        api.rail.webhookDispatcher().runOnce();
        api.transport.status = 200;

        TestResponse refused = api.call(writer, "POST", "/api/v1/hooks/dlq/retry-all", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json()).containsEntry("detail",
                "Insufficient permissions. Required role: admin, current role: writer");
        assertThat(map(deliveries(hook, "").get(0))).containsEntry("status", "failed");

        TestResponse retried = api.call(admin, "POST", "/api/v1/hooks/dlq/retry-all", null);
        TestResponse nothingLeft = api.call(admin, "POST", "/api/v1/hooks/dlq/retry-all", null);

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json()).isEqualTo(Map.of("retried", 1L, "succeeded", 1L, "failed", 0L));
        assertThat(nothingLeft.json()).isEqualTo(Map.of("retried", 0L, "succeeded", 0L, "failed", 0L));
        assertThat(map(deliveries(hook, "").get(0))).containsEntry("status", "delivered")
                .containsEntry("attempts", 2L);
    }
}
