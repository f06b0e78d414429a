package dev.handoffrail.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
    private ApiHarness api;

    @BeforeEach
    void start() {
        api = ApiHarness.start(HttpSettings.defaults().withTrustProxy(true),
                RailSettings.defaults().withAuthFailuresPerMinute(3), new EchoRoutes());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void a_request_without_a_key_is_401_with_the_exact_detail() {
        TestResponse response = api.client.get("/api/v1/items");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).containsEntry("code", "UNAUTHORIZED")
                .containsEntry("detail", "Missing X-API-Key header").containsEntry("status_code", 401L);
    }

    @Test
    void an_unknown_key_is_401_invalid_api_key() {
        TestResponse response = api.client.get("/api/v1/items", "X-API-Key", "hr_unknown");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).containsEntry("code", "UNAUTHORIZED").containsEntry("detail", "Invalid API key");
    }

    @Test
    void a_revoked_key_is_401_key_revoked() {
        String key = api.key(Role.ADMIN, Tier.PRO);
        api.revoke(key);

        TestResponse response = api.client.get("/api/v1/items", "X-API-Key", key);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).containsEntry("code", "KEY_REVOKED")
                .containsEntry("detail", "API key has been revoked");
    }

    @Test
    void a_key_of_a_deleted_tenant_is_401_tenant_deleted() {
        Tenant deleted = new Tenant(new TenantId("gone"), "Gone", Tier.PRO, null, null, ApiHarness.START,
                ApiHarness.START, ApiHarness.START);
        String key = api.key(Role.ADMIN, deleted);

        TestResponse response = api.client.get("/api/v1/items", "X-API-Key", key);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).containsEntry("code", "TENANT_DELETED")
                .containsEntry("detail", "Tenant has been deleted");
    }

    @Test
    void the_api_key_query_parameter_is_not_accepted_on_rest_endpoints() {
        String key = api.key(Role.ADMIN, Tier.PRO);

        TestResponse response = api.client.get("/api/v1/items?api_key=" + key);

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void failed_attempts_beyond_the_limit_are_429_until_the_oldest_leaves_the_window() {
        for (int i = 0; i < 3; i++) {
            assertThat(api.client.get("/api/v1/items", "X-Forwarded-For", "10.0.0.1").status()).isEqualTo(401);
        }

        TestResponse throttled = api.client.get("/api/v1/items", "X-API-Key", "hr_wrong",
                "X-Forwarded-For", "10.0.0.1, 172.16.0.9");
        api.clock.advance(Duration.ofSeconds(61));
        TestResponse afterWindow = api.client.get("/api/v1/items", "X-Forwarded-For", "10.0.0.1");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json()).containsEntry("code", "RATE_LIMITED").containsEntry("window", "auth_failures")
                .containsEntry("field", "rate_limit").containsEntry("retry_after", 60L);
        assertThat(throttled.header("Retry-After")).isEqualTo("60");
        assertThat(afterWindow.status()).isEqualTo(401);
        assertThat(api.metrics.scrape())
                .contains("handoffrail_rate_limited_total{tier=\"none\",window=\"auth_failures\"} 1.0");
    }

    @Test
    void failures_are_counted_per_client_ip() {
        for (int i = 0; i < 3; i++) {
            api.client.get("/api/v1/items", "X-Forwarded-For", "10.0.0.2");
        }

        assertThat(api.client.get("/api/v1/items", "X-Forwarded-For", "10.0.0.2").status()).isEqualTo(429);
        assertThat(api.client.get("/api/v1/items", "X-Forwarded-For", "10.0.0.3").status()).isEqualTo(401);
    }

    @Test
    void a_valid_key_still_works_from_a_throttled_ip() {
        for (int i = 0; i < 4; i++) {
            api.client.get("/api/v1/items", "X-Forwarded-For", "10.0.0.4");
        }

        TestResponse response = api.client.get("/api/v1/items", "X-API-Key", api.key(Role.READER, Tier.PRO),
                "X-Forwarded-For", "10.0.0.4");

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void without_trust_proxy_the_forwarded_header_is_ignored() {
        try (ApiHarness direct = ApiHarness.start(HttpSettings.defaults(),
                RailSettings.defaults().withAuthFailuresPerMinute(2), new EchoRoutes())) {
            direct.client.get("/api/v1/items", "X-Forwarded-For", "10.1.0.1");
            direct.client.get("/api/v1/items", "X-Forwarded-For", "10.1.0.2");

            TestResponse third = direct.client.get("/api/v1/items", "X-Forwarded-For", "10.1.0.3");

            assertThat(third.status()).isEqualTo(429);
        }
    }

    @Test
    void an_authenticated_key_is_reused_from_the_cache_within_its_lifetime() {
        String key = api.key(Role.READER, Tier.PRO);
        api.client.get("/api/v1/items", "X-API-Key", key);
        int afterFirst = api.authentications.get();

        api.client.get("/api/v1/items", "X-API-Key", key);
        int afterSecond = api.authentications.get();
        api.clock.advance(Duration.ofSeconds(6));
        api.client.get("/api/v1/items", "X-API-Key", key);

        assertThat(afterSecond).isEqualTo(afterFirst);
        assertThat(api.authentications.get()).isEqualTo(afterFirst + 1);
    }

    @Test
    void a_revocation_on_the_event_bus_evicts_the_cached_key() {
        String key = api.key(Role.READER, Tier.PRO);
        assertThat(api.client.get("/api/v1/items", "X-API-Key", key).status()).isEqualTo(200);
        api.revoke(key);

        api.bus.publish(new EventBus.KeyRevoked(api.authenticated(key).tenant().id(),
                api.authenticated(key).key().id(), "hash"));
        TestResponse response = api.client.get("/api/v1/items", "X-API-Key", key);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).containsEntry("code", "KEY_REVOKED");
    }

    @Test
    void a_tenant_deletion_on_the_event_bus_evicts_its_cached_keys() {
        String key = api.key(Role.READER, Tier.PRO);
        TenantId tenant = api.authenticated(key).tenant().id();
        api.client.get("/api/v1/items", "X-API-Key", key);
        int before = api.authentications.get();

        api.bus.publish(new EventBus.TenantDeleted(tenant));
        api.client.get("/api/v1/items", "X-API-Key", key);

        assertThat(api.authentications.get()).isEqualTo(before + 1);
    }

    @Test
    void stopping_the_server_stops_listening_to_the_bus() {
        try (ApiHarness other = ApiHarness.start(HttpSettings.defaults(), new EchoRoutes())) {
            // the server's authenticator and the rail's store caches (which the rail, not the server, owns)
            assertThat(other.bus.subscriptions()).isEqualTo(2);
            other.app.stop();

            assertThat(other.bus.subscriptions()).isEqualTo(1);
        }
    }

    @Test
    void a_role_below_the_route_minimum_is_403_naming_both_roles() {
        TestResponse response = api.client.send("POST", "/api/v1/items", "{}", "X-API-Key",
                api.key(Role.READER, Tier.PRO));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json()).containsEntry("code", "FORBIDDEN").containsEntry("required_role", "writer")
                .containsEntry("current_role", "reader")
                .containsEntry("detail", "Insufficient permissions. Required role: writer, current role: reader");
    }

    @Test
    void each_role_reaches_exactly_the_routes_of_its_level() {
        String reader = api.key(Role.READER, Tier.PRO);
        String agent = api.key(Role.AGENT, Tier.PRO);
        String writer = api.key(Role.WRITER, Tier.PRO);
        String admin = api.key(Role.ADMIN, Tier.PRO);

        assertThat(touch(reader)).isEqualTo(403);
        assertThat(touch(agent)).isEqualTo(200);
        assertThat(delete(agent)).isEqualTo(403);
        assertThat(delete(writer)).isEqualTo(204);
        assertThat(delete(admin)).isEqualTo(204);
    }

    @Test
    void authorization_is_decided_before_the_body_is_read() {
        String reader = api.key(Role.READER, Tier.FREE);

        TestResponse response = api.client.send("POST", "/api/v1/items", "x".repeat(70_000), "X-API-Key", reader,
                "Content-Type", "text/plain");

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void authenticated_responses_carry_the_rate_limit_headers() {
        String key = api.key(Role.READER, Tier.PRO);

        TestResponse response = api.client.get("/api/v1/items", "X-API-Key", key);

        assertThat(response.header("X-RateLimit-Limit")).isEqualTo("60");
        assertThat(response.header("X-RateLimit-Remaining")).isEqualTo("59");
        assertThat(response.header("X-RateLimit-Reset")).isEqualTo("60");
        assertThat(response.header("X-RateLimit-Tier")).isEqualTo("pro");
        assertThat(response.header("X-RateLimit-Hourly-Limit")).isEqualTo("1000");
        assertThat(response.header("X-RateLimit-Hourly-Remaining")).isEqualTo("999");
        assertThat(response.header("X-RateLimit-Hourly-Reset")).isEqualTo("3600");
    }

    @Test
    void the_per_minute_window_refuses_with_429_and_retry_after() {
        RailSettings tight = new RailSettings(RailSettings.defaults().tiers(), Tier.FREE,
                Duration.ofSeconds(86_400), true, RailSettings.defaults().webhookRetryDelays(),
                Duration.ofSeconds(10), Set.of(), 2, 30);
        try (ApiHarness limited = ApiHarness.start(HttpSettings.defaults(), tight, new EchoRoutes())) {
            String key = limited.key(Role.READER, Tier.PRO);
            limited.client.get("/api/v1/items", "X-API-Key", key);
            limited.clock.advance(Duration.ofSeconds(20));
            limited.client.get("/api/v1/items", "X-API-Key", key);

            TestResponse refused = limited.client.get("/api/v1/items", "X-API-Key", key);

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json()).containsEntry("code", "RATE_LIMITED").containsEntry("window", "minute")
                    .containsEntry("retry_after", 40L).containsEntry("field", "rate_limit")
                    .containsEntry("detail", "Rate limit exceeded");
            assertThat(refused.header("Retry-After")).isEqualTo("40");
            assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
            assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("2");
            assertThat(limited.metrics.scrape())
                    .contains("handoffrail_rate_limited_total{tier=\"pro\",window=\"minute\"} 1.0");
        }
    }

    @Test
    void the_hourly_window_is_shared_by_every_key_of_the_tenant() {
        Tenant tenant = new Tenant(new TenantId("hourly"), "Hourly", Tier.FREE, null, null, ApiHarness.START,
                ApiHarness.START, null);
        String first = api.key(Role.READER, tenant);
        String second = api.key(Role.READER, tenant);
        for (int i = 0; i < 50; i++) {
            api.client.get("/api/v1/items", "X-API-Key", i % 2 == 0 ? first : second);
            api.clock.advance(Duration.ofSeconds(1));
        }
        api.clock.advance(Duration.ofSeconds(60));
        for (int i = 0; i < 50; i++) {
            api.client.get("/api/v1/items", "X-API-Key", i % 2 == 0 ? first : second);
            api.clock.advance(Duration.ofSeconds(1));
        }

        TestResponse refused = api.client.get("/api/v1/items", "X-API-Key", second);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json()).containsEntry("window", "hour");
    }

    private int touch(String key) {
        return api.client.send("POST", "/api/v1/items/x/touch", null, "X-API-Key", key).status();
    }

    private int delete(String key) {
        return api.client.send("DELETE", "/api/v1/items/x", null, "X-API-Key", key).status();
    }
}
