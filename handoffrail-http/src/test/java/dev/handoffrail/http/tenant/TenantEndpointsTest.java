package dev.handoffrail.http.tenant;

import static dev.handoffrail.http.LiveApi.ROOT;
import static dev.handoffrail.http.LiveApi.assertValidation;
import static dev.handoffrail.http.LiveApi.pluck;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.http.LiveApi;
import dev.handoffrail.http.TestResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenantEndpointsTest {
    private static final String T0 = "2026-05-30T12:00:00.000000Z";
    private static final String T1 = "2026-05-30T12:01:00.000000Z";

    private LiveApi api;

    @BeforeEach
    void start() {
        api = LiveApi.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private TestResponse create(String body) {
        return api.call(ROOT, "POST", "/api/v1/tenants", body);
    }

    private static Map<String, Object> tenant(String id, String name, String tier, long handoffs, long keys,
                                              String updatedAt) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("name", name);
        json.put("tier", tier);
        json.put("handoffs_per_day", handoffs);
        json.put("max_api_keys", keys);
        json.put("created_at", T0);
        json.put("updated_at", updatedAt);
        json.put("deleted_at", null);
        return json;
    }

    @Test
    void a_created_tenant_shows_its_effective_quotas() {
        TestResponse created = create("{\"name\": \"Acme Corp\", \"tier\": \"pro\", \"id\": \"acme\","
                + " \"handoffs_per_day\": null, \"max_api_keys\": null}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/tenants/acme");
        assertThat(created.json()).isEqualTo(tenant("acme", "Acme Corp", "pro", 0, 5, T0));
        assertThat(api.get(ROOT, "/api/v1/tenants/acme").json()).isEqualTo(created.json());
    }

    @Test
    void overrides_replace_the_tier_defaults_and_the_default_tier_is_free() {
        TestResponse created = create("{\"name\": \"Small\", \"handoffs_per_day\": 20, \"max_api_keys\": 3}");

        assertThat(created.status()).isEqualTo(201);
        Map<String, Object> json = created.json();
        assertThat(json).containsEntry("tier", "free").containsEntry("handoffs_per_day", 20L)
                .containsEntry("max_api_keys", 3L);
        assertThat((String) json.get("id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void duplicate_names_and_ids_conflict() {
        create("{\"name\": \"Acme Corp\", \"id\": \"acme\"}");

        TestResponse sameName = create("{\"name\": \"ACME corp\", \"id\": \"acme2\"}");
        TestResponse sameId = create("{\"name\": \"Another\", \"id\": \"acme\"}");

        assertThat(sameName.status()).isEqualTo(409);
        assertThat(sameName.json()).containsEntry("code", "CONFLICT")
                .containsEntry("detail", "Tenant 'ACME corp' already exists");
        assertThat(sameId.status()).isEqualTo(409);
        assertThat(sameId.json()).containsEntry("code", "CONFLICT");
        assertThat(api.get(ROOT, "/api/v1/tenants").jsonArray()).hasSize(2);
    }

    @Test
    void invalid_tenant_input_is_refused_and_creates_nothing() {
        assertValidation(create("{\"tier\": \"pro\"}"), "name", "field is required");
        assertValidation(create("{\"name\": \"A\", \"tier\": \"gold\"}"), "tier",
                "must be one of: free, pro, business");
        assertValidation(create("{\"name\": \"A\", \"id\": \"-acme\"}"), "id",
                "must match ^[A-Za-z0-9][A-Za-z0-9_-]{0,35}$");
        assertValidation(create("{\"name\": \"A\", \"handoffs_per_day\": -1}"), "handoffs_per_day",
                "must be at least 0");
        assertValidation(create("{\"name\": \"A\", \"max_api_keys\": 0}"), "max_api_keys", "must be at least 1");
        assertValidation(create("{\"name\": \"A\", \"max_api_keys\": 1.5}"), "max_api_keys", "must be an integer");
        assertValidation(create("{\"name\": \"" + "x".repeat(129) + "\"}"), "name", "must be at most 128 characters");

        assertThat(api.get(ROOT, "/api/v1/tenants").jsonArray()).hasSize(1);
    }

    @Test
    void tenant_endpoints_need_a_platform_admin() {
        api.tenant("acme", "pro");
        String tenantAdmin = api.key("acme", "admin");
        String defaultAdmin = api.key("default", "admin");

        for (String key : List.of(tenantAdmin, defaultAdmin)) {
            List<TestResponse> refused = List.of(
                    api.call(key, "POST", "/api/v1/tenants", "{\"name\": \"Evil\"}"),
                    api.get(key, "/api/v1/tenants"),
                    api.get(key, "/api/v1/tenants/acme"),
                    api.call(key, "PATCH", "/api/v1/tenants/acme", "{\"tier\": \"business\"}"),
                    api.call(key, "DELETE", "/api/v1/tenants/acme", null),
                    api.get(key, "/api/v1/tenants/acme/keys"));
            assertThat(refused).allSatisfy(response -> {
                assertThat(response.status()).isEqualTo(403);
                assertThat(response.json()).containsEntry("code", "FORBIDDEN")
                        .containsEntry("detail", "Platform admin required");
            });
        }
        assertThat(api.get(ROOT, "/api/v1/tenants/acme").json()).containsEntry("tier", "pro");
        assertThat(api.get(ROOT, "/api/v1/tenants").jsonArray()).hasSize(2);
    }

    @Test
    void the_list_is_a_bare_array_newest_first_without_deleted_tenants() {
        api.tenant("first", "free");
        api.clock.advance(Duration.ofSeconds(1));
        api.tenant("second", "pro");
        api.clock.advance(Duration.ofSeconds(1));
        api.tenant("third", "pro");
        api.call(ROOT, "DELETE", "/api/v1/tenants/second", null);

        List<Object> tenants = api.get(ROOT, "/api/v1/tenants").jsonArray();

        assertThat(pluck(tenants, "id")).containsExactly("third", "first", "default");
    }

    @Test
    void unknown_deleted_and_malformed_tenants_are_not_found() {
        api.tenant("gone", "free");
        api.call(ROOT, "DELETE", "/api/v1/tenants/gone", null);

        for (String id : List.of("nope", "gone", "-bad-")) {
            TestResponse response = api.get(ROOT, "/api/v1/tenants/" + id);
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json()).containsEntry("code", "NOT_FOUND");
            assertThat(api.call(ROOT, "PATCH", "/api/v1/tenants/" + id, "{\"name\": \"x\"}").status()).isEqualTo(404);
            assertThat(api.call(ROOT, "DELETE", "/api/v1/tenants/" + id, null).status()).isEqualTo(404);
            assertThat(api.get(ROOT, "/api/v1/tenants/" + id + "/keys").status()).isEqualTo(404);
        }
    }

    @Test
    void a_patch_changes_only_what_it_names_and_an_explicit_null_resets_an_override() {
        create("{\"name\": \"Acme\", \"id\": \"acme\", \"tier\": \"free\", \"handoffs_per_day\": 20,"
                + " \"max_api_keys\": 3}");
        api.clock.advance(Duration.ofMinutes(1));

        TestResponse renamed = api.call(ROOT, "PATCH", "/api/v1/tenants/acme", "{\"name\": \"Acme Corp\"}");
        TestResponse upgraded = api.call(ROOT, "PATCH", "/api/v1/tenants/acme", "{\"tier\": \"pro\", \"name\": null}");
        TestResponse reset = api.call(ROOT, "PATCH", "/api/v1/tenants/acme", "{\"handoffs_per_day\": null}");
        TestResponse resetKeys = api.call(ROOT, "PATCH", "/api/v1/tenants/acme", "{\"max_api_keys\": null}");
        TestResponse empty = api.call(ROOT, "PATCH", "/api/v1/tenants/acme", null);

        assertThat(renamed.json()).isEqualTo(tenant("acme", "Acme Corp", "free", 20, 3, T1));
        assertThat(upgraded.json()).isEqualTo(tenant("acme", "Acme Corp", "pro", 20, 3, T1));
        assertThat(reset.json()).isEqualTo(tenant("acme", "Acme Corp", "pro", 0, 3, T1));
        assertThat(resetKeys.json()).isEqualTo(tenant("acme", "Acme Corp", "pro", 0, 5, T1));
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json()).isEqualTo(resetKeys.json());
    }

    @Test
    void a_rejected_patch_changes_nothing() {
        api.tenant("acme", "pro");
        api.tenant("other", "pro");
        Map<String, Object> before = api.get(ROOT, "/api/v1/tenants/acme").json();

        TestResponse duplicate = api.call(ROOT, "PATCH", "/api/v1/tenants/acme", "{\"name\": \"Tenant other\"}");
        assertValidation(api.call(ROOT, "PATCH", "/api/v1/tenants/acme", "{\"tier\": \"gold\", \"name\": \"New\"}"),
                "tier", "must be one of: free, pro, business");
        assertValidation(api.call(ROOT, "PATCH", "/api/v1/tenants/acme", "{\"max_api_keys\": 0}"), "max_api_keys",
                "must be at least 1");
        assertValidation(api.call(ROOT, "PATCH", "/api/v1/tenants/acme", "{\"name\": \"\"}"), "name",
                "must not be empty");
        TestResponse malformed = api.call(ROOT, "PATCH", "/api/v1/tenants/acme", "[1]");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json()).containsEntry("detail", "Tenant 'Tenant other' already exists");
        assertThat(malformed.json()).containsEntry("code", "MALFORMED_JSON");
        assertThat(api.get(ROOT, "/api/v1/tenants/acme").json()).isEqualTo(before);
    }

    @Test
    void a_tier_change_applies_to_the_tenants_keys_at_once() {
        api.tenant("acme", "pro");
        String admin = api.key("acme", "admin");
        assertThat(api.get(admin, "/api/v1/keys").header("X-RateLimit-Tier")).isEqualTo("pro");

        api.call(ROOT, "PATCH", "/api/v1/tenants/acme", "{\"tier\": \"business\"}");

        assertThat(api.get(admin, "/api/v1/keys").header("X-RateLimit-Tier")).isEqualTo("business");
    }

    @Test
    void a_deleted_tenants_keys_stop_working_and_default_cannot_be_deleted() {
        api.tenant("acme", "pro");
        String reader = api.key("acme", "reader");
        assertThat(api.get(reader, "/api/v1/packets").status()).isEqualTo(200);

        TestResponse deleted = api.call(ROOT, "DELETE", "/api/v1/tenants/acme", null);
        TestResponse protectedDefault = api.call(ROOT, "DELETE", "/api/v1/tenants/default", null);

        assertThat(deleted.status()).isEqualTo(204);
        TestResponse refused = api.get(reader, "/api/v1/packets");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json()).containsEntry("code", "TENANT_DELETED")
                .containsEntry("detail", "Tenant has been deleted");
        assertThat(protectedDefault.status()).isEqualTo(409);
        assertThat(protectedDefault.json()).containsEntry("code", "CONFLICT");
        assertThat(api.get(ROOT, "/api/v1/tenants/default").status()).isEqualTo(200);
    }

    @Test
    void a_tenants_keys_are_listed_with_its_tier_and_without_secrets() {
        api.tenant("acme", "business");
        api.clock.advance(Duration.ofSeconds(1));
        api.keyJson("acme", "agent", "first");
        api.clock.advance(Duration.ofSeconds(1));
        api.keyJson("acme", "reader", "second");

        TestResponse keys = api.get(ROOT, "/api/v1/tenants/acme/keys");

        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.jsonArray()).hasSize(2).allSatisfy(key -> assertThat(LiveApi.map(key))
                .containsEntry("tier", "business").containsEntry("key", null).containsEntry("tenant_id", "acme"));
        assertThat(pluck(keys.jsonArray(), "name")).containsExactly("second", "first");
    }

}
