package dev.handoffrail.http.key;

import static dev.handoffrail.http.LiveApi.ROOT;
import static dev.handoffrail.http.LiveApi.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.http.LiveApi;
import dev.handoffrail.http.TestResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyEndpointsTest {
    private static final String CREATED_AT = "2026-05-30T12:00:00.000000Z";

    private LiveApi api;
    private String admin;

    @BeforeEach
    void start() {
        api = LiveApi.start();
        api.tenant("acme", "pro");
        admin = api.key("acme", "admin");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private List<Object> keysOf(String key) {
        TestResponse list = api.get(key, "/api/v1/keys");
        assertThat(list.status()).isEqualTo(200);
        return list.jsonArray();
    }

    @Test
    void a_created_key_shows_its_secret_once_and_works_at_once() {
        TestResponse created = api.call(admin, "POST", "/api/v1/keys", "{\"name\": \"billing-agent\","
                + " \"role\": \"agent\", \"tenant_id\": null, \"platform_admin\": false}");

        assertThat(created.status()).isEqualTo(201);
        Map<String, Object> key = created.json();
        String secret = (String) key.get("key");
        assertThat(secret).hasSize(46).startsWith("hr_");
        assertThat(key).containsOnlyKeys("id", "name", "key_prefix", "tenant_id", "role", "platform_admin", "tier",
                "revoked", "created_at", "revoked_at", "last_used_at", "key");
        assertThat(key).containsEntry("name", "billing-agent").containsEntry("key_prefix", secret.substring(0, 8))
                .containsEntry("tenant_id", "acme").containsEntry("role", "agent")
                .containsEntry("platform_admin", false).containsEntry("tier", "pro").containsEntry("revoked", false)
                .containsEntry("created_at", CREATED_AT).containsEntry("revoked_at", null)
                .containsEntry("last_used_at", null);
        assertThat(api.get(secret, "/api/v1/packets").status()).isEqualTo(200);
        assertThat(keysOf(admin)).hasSize(2)
                .allSatisfy(listed -> assertThat(LiveApi.map(listed)).containsEntry("key", null));
    }

    @Test
    void a_key_without_a_role_is_a_reader() {
        TestResponse created = api.call(admin, "POST", "/api/v1/keys", "{\"name\": \"plain\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json()).containsEntry("role", "reader");
    }

    @Test
    void invalid_key_requests_are_refused_and_create_nothing() {
        assertValidation(api.call(admin, "POST", "/api/v1/keys", "{\"role\": \"agent\"}"), "name",
                "field is required");
        assertValidation(api.call(admin, "POST", "/api/v1/keys", "{\"name\": \"\"}"), "name", "must not be empty");
        assertValidation(api.call(admin, "POST", "/api/v1/keys", "{\"name\": \"" + "n".repeat(129) + "\"}"), "name",
                "must be at most 128 characters");
        assertValidation(api.call(admin, "POST", "/api/v1/keys", "{\"name\": \"k\", \"role\": \"owner\"}"), "role",
                "must be one of: reader, agent, writer, admin");
        assertValidation(api.call(admin, "POST", "/api/v1/keys", "{\"name\": 5}"), "name", "must be a string");
        assertValidation(api.call(admin, "POST", "/api/v1/keys", "{\"name\": \"k\", \"platform_admin\": \"yes\"}"),
                "platform_admin", "must be a boolean");
        assertThat(api.call(admin, "POST", "/api/v1/keys", "{\"name\": ").json())
                .containsEntry("code", "MALFORMED_JSON");
        TestResponse tooLarge = api.call(admin, "POST", "/api/v1/keys", "{\"name\": \"" + "n".repeat(262_144) + "\"}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json()).containsEntry("code", "PAYLOAD_TOO_LARGE").containsEntry("limit_bytes", 262_144L);

        assertThat(keysOf(admin)).hasSize(1);
    }

    @Test
    void only_admins_manage_keys() {
        String writer = api.key("acme", "writer");

        TestResponse refused = api.call(writer, "POST", "/api/v1/keys", "{\"name\": \"k\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json()).containsEntry("code", "FORBIDDEN")
                .containsEntry("detail", "Insufficient permissions. Required role: admin, current role: writer");
        assertThat(api.get(writer, "/api/v1/keys").status()).isEqualTo(403);
        assertThat(keysOf(admin)).hasSize(2);
    }

    @Test
    void a_tenant_admin_cannot_reach_into_another_tenant_or_mint_platform_admins() {
        api.tenant("other", "pro");

        TestResponse foreign = api.call(admin, "POST", "/api/v1/keys", "{\"name\": \"k\", \"tenant_id\": \"other\"}");
        TestResponse malformed = api.call(admin, "POST", "/api/v1/keys", "{\"name\": \"k\", \"tenant_id\": \"-bad\"}");
        TestResponse operator = api.call(admin, "POST", "/api/v1/keys", "{\"name\": \"k\", \"role\": \"admin\","
                + " \"platform_admin\": true}");

        for (TestResponse refused : List.of(foreign, malformed, operator)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json()).containsEntry("detail", "Platform admin required");
        }
        assertThat(keysOf(admin)).hasSize(1);
    }

    @Test
    void a_platform_admin_creates_keys_in_any_existing_tenant() {
        api.tenant("biz", "business");

        TestResponse created = api.call(ROOT, "POST", "/api/v1/keys", "{\"name\": \"ops\", \"role\": \"admin\","
                + " \"tenant_id\": \"biz\", \"platform_admin\": true}");
        TestResponse missing = api.call(ROOT, "POST", "/api/v1/keys", "{\"name\": \"k\", \"tenant_id\": \"nope\"}");
        TestResponse malformed = api.call(ROOT, "POST", "/api/v1/keys", "{\"name\": \"k\", \"tenant_id\": \"-x\"}");
        TestResponse notAdmin = api.call(ROOT, "POST", "/api/v1/keys", "{\"name\": \"k\", \"role\": \"writer\","
                + " \"platform_admin\": true}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json()).containsEntry("tenant_id", "biz").containsEntry("tier", "business")
                .containsEntry("platform_admin", true);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json()).containsEntry("code", "NOT_FOUND").containsEntry("detail", "Tenant nope not found");
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.json()).containsEntry("detail", "Tenant -x not found");
        assertValidation(notAdmin, "platform_admin", "requires role admin");
    }

    @Test
    void the_key_quota_of_the_tenant_applies_to_creation() {
        api.call(ROOT, "POST", "/api/v1/tenants", "{\"name\": \"Tiny\", \"id\": \"tiny\", \"tier\": \"pro\","
                + " \"max_api_keys\": 1}");
        String tinyAdmin = api.key("tiny", "admin");

        TestResponse refused = api.call(tinyAdmin, "POST", "/api/v1/keys", "{\"name\": \"second\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json()).containsEntry("code", "QUOTA_EXCEEDED").containsEntry("quota", "max_api_keys")
                .containsEntry("limit", 1L).containsEntry("tier", "pro");
        assertThat(keysOf(tinyAdmin)).hasSize(1);
    }

    @Test
    void a_revoked_key_stops_working_immediately_and_cannot_be_revoked_twice() {
        Map<String, Object> agent = api.keyJson("acme", "agent", "worker");
        String secret = (String) agent.get("key");
        String id = (String) agent.get("id");
        assertThat(api.get(secret, "/api/v1/packets").status()).isEqualTo(200);

        TestResponse revoked = api.call(admin, "DELETE", "/api/v1/keys/" + id, null);
        TestResponse again = api.call(admin, "DELETE", "/api/v1/keys/" + id, null);

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(revoked.body()).isEmpty();
        TestResponse refused = api.get(secret, "/api/v1/packets");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json()).containsEntry("code", "KEY_REVOKED").containsEntry("detail",
                "API key has been revoked");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json()).containsEntry("code", "CONFLICT")
                .containsEntry("detail", "API key " + id + " is already revoked");
        Map<String, Object> listed = keysOf(admin).stream().map(LiveApi::map)
                .filter(key -> key.get("id").equals(id)).findFirst().orElseThrow();
        assertThat(listed).containsEntry("revoked", true).containsEntry("revoked_at", CREATED_AT);
    }

    @Test
    void another_tenants_key_or_a_malformed_id_does_not_exist_for_a_tenant_admin() {
        api.tenant("other", "pro");
        String foreignId = (String) api.keyJson("other", "reader", "theirs").get("id");

        for (String path : List.of("/api/v1/keys/" + foreignId, "/api/v1/keys/not-a-uuid")) {
            TestResponse revoke = api.call(admin, "DELETE", path, null);
            TestResponse rotate = api.call(admin, "POST", path + "/rotate", null);
            assertThat(revoke.status()).isEqualTo(404);
            assertThat(rotate.status()).isEqualTo(404);
            assertThat(revoke.json()).containsEntry("code", "NOT_FOUND");
        }
        assertThat(api.call(ROOT, "DELETE", "/api/v1/keys/" + foreignId, null).status()).isEqualTo(204);
    }

    @Test
    void rotation_issues_a_new_key_and_revokes_the_old_one() {
        Map<String, Object> old = api.keyJson("acme", "writer", "deployer");
        String oldSecret = (String) old.get("key");

        TestResponse rotated = api.call(admin, "POST", "/api/v1/keys/" + old.get("id") + "/rotate", null);

        assertThat(rotated.status()).isEqualTo(201);
        Map<String, Object> fresh = rotated.json();
        assertThat(fresh).containsEntry("name", "deployer (rotated)").containsEntry("role", "writer")
                .containsEntry("tenant_id", "acme").containsEntry("tier", "pro");
        assertThat(fresh.get("id")).isNotEqualTo(old.get("id"));
        assertThat(api.get((String) fresh.get("key"), "/api/v1/packets").status()).isEqualTo(200);
        assertThat(api.get(oldSecret, "/api/v1/packets").json()).containsEntry("code", "KEY_REVOKED");

        TestResponse again = api.call(admin, "POST", "/api/v1/keys/" + old.get("id") + "/rotate", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json()).containsEntry("detail",
                "API key " + old.get("id") + " is already revoked — cannot rotate");
        TestResponse twice = api.call(admin, "POST", "/api/v1/keys/" + fresh.get("id") + "/rotate", null);
        assertThat(twice.json()).containsEntry("name", "deployer (rotated)");
    }

    @Test
    void the_last_platform_admin_key_cannot_be_revoked() {
        String rootId = (String) api.get(ROOT, "/api/v1/keys").jsonArray().stream().map(LiveApi::map)
                .filter(key -> key.get("name").equals("bootstrap")).findFirst().orElseThrow().get("id");

        TestResponse refused = api.call(ROOT, "DELETE", "/api/v1/keys/" + rootId, null);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json()).containsEntry("code", "CONFLICT");
        assertThat(api.get(ROOT, "/api/v1/keys").status()).isEqualTo(200);
    }


}
