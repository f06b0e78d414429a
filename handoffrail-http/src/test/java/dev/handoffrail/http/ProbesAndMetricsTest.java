package dev.handoffrail.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.tenant.Tier;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbesAndMetricsTest {

    @Test
    void health_is_always_ok() {
        try (ApiHarness api = ApiHarness.start(HttpSettings.defaults(), new ApiHarness.FixedProbes(false, false))) {
            TestResponse response = api.client.get("/health");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json()).isEqualTo(Map.of("status", "ok", "service", "handoffrail"));
        }
    }

    @Test
    void ready_without_redis_reports_redis_null() {
        try (ApiHarness api = ApiHarness.start(HttpSettings.defaults(), new ApiHarness.FixedProbes(true, null))) {
            TestResponse response = api.client.get("/ready");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json()).containsEntry("status", "ready").containsEntry("service", "handoffrail")
                    .containsEntry("db", true).containsEntry("redis", null);
        }
    }

    @Test
    void ready_with_both_answering_is_200() {
        try (ApiHarness api = ApiHarness.start(HttpSettings.defaults(), new ApiHarness.FixedProbes(true, true))) {
            assertThat(api.client.get("/ready").json()).containsEntry("status", "ready").containsEntry("redis", true);
        }
    }

    @Test
    void ready_with_the_database_down_is_503() {
        try (ApiHarness api = ApiHarness.start(HttpSettings.defaults(), new ApiHarness.FixedProbes(false, null))) {
            TestResponse response = api.client.get("/ready");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.json()).containsEntry("status", "not_ready").containsEntry("db", false)
                    .containsEntry("redis", null);
        }
    }

    @Test
    void ready_with_redis_configured_but_unreachable_is_503() {
        try (ApiHarness api = ApiHarness.start(HttpSettings.defaults(), new ApiHarness.FixedProbes(true, false))) {
            TestResponse response = api.client.get("/ready");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.json()).containsEntry("db", true).containsEntry("redis", false);
        }
    }

    @Test
    void ready_while_draining_for_shutdown_is_503_with_healthy_dependencies() {
        HttpProbes draining = new HttpProbes() {
            @Override
            public boolean databaseReady() {
                return true;
            }

            @Override
            public Boolean redisReady() {
                return true;
            }

            @Override
            public boolean draining() {
                return true;
            }
        };
        try (ApiHarness api = ApiHarness.start(HttpSettings.defaults(), draining)) {
            TestResponse response = api.client.get("/ready");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.json()).isEqualTo(Map.of("status", "not_ready", "service", "handoffrail",
                    "db", true, "redis", true));
            assertThat(api.client.get("/health").status()).isEqualTo(200);
        }
    }

    @Test
    void a_failing_probe_counts_as_not_ready() {
        HttpProbes throwing = new HttpProbes() {
            @Override
            public boolean databaseReady() {
                throw new IllegalStateException("connection refused");
            }

            @Override
            public Boolean redisReady() {
                return null;
            }
        };
        try (ApiHarness api = ApiHarness.start(HttpSettings.defaults(), throwing)) {
            TestResponse response = api.client.get("/ready");

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body()).doesNotContain("refused");
        }
    }

    @Test
    void metrics_are_labelled_with_route_templates_and_exclude_metrics_itself() {
        try (ApiHarness api = ApiHarness.start(HttpSettings.defaults(), new EchoRoutes())) {
            String reader = api.key(Role.READER, Tier.PRO);
            api.client.get("/api/v1/items/abc", "X-API-Key", reader);
            api.client.get("/api/v1/items/def", "X-API-Key", reader);
            api.client.get("/api/v1/items/def");
            api.client.get("/no/such/path");
            api.client.get("/metrics");

            TestResponse response = api.client.get("/metrics");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type")).startsWith("text/plain; version=0.0.4");
            assertThat(response.body())
                    .contains("handoffrail_requests_total{endpoint=\"/api/v1/items/{item_id}\",method=\"GET\","
                            + "status_code=\"200\"} 2.0")
                    .contains("handoffrail_requests_total{endpoint=\"/api/v1/items/{item_id}\",method=\"GET\","
                            + "status_code=\"401\"} 1.0")
                    .contains("handoffrail_requests_total{endpoint=\"unmatched\",method=\"GET\","
                            + "status_code=\"404\"} 1.0")
                    .doesNotContain("endpoint=\"/metrics\"")
                    .doesNotContain("/api/v1/items/abc");
        }
    }

    @Test
    void the_latency_histogram_has_exactly_the_contract_buckets() {
        try (ApiHarness api = ApiHarness.start(HttpSettings.defaults(), new EchoRoutes())) {
            api.client.get("/health");

            String text = api.client.get("/metrics").body();

            for (String bucket : new String[] {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0",
                "2.5", "5.0", "10.0", "+Inf"}) {
                assertThat(text).contains("handoffrail_request_latency_seconds_bucket{endpoint=\"/health\","
                        + "method=\"GET\",le=\"" + bucket + "\"}");
            }
            assertThat(text.lines().filter(line -> line.startsWith(
                    "handoffrail_request_latency_seconds_bucket{endpoint=\"/health\"")).count()).isEqualTo(12);
            assertThat(text).contains("handoffrail_request_latency_seconds_count{endpoint=\"/health\","
                    + "method=\"GET\"} 1");
        }
    }

    @Test
    void a_configured_metrics_token_is_required_as_a_bearer_token() {
        try (ApiHarness api = ApiHarness.start(HttpSettings.defaults().withMetricsToken("s3cret"),
                new EchoRoutes())) {
            TestResponse missing = api.client.get("/metrics");
            TestResponse wrong = api.client.get("/metrics", "Authorization", "Bearer nope");
            TestResponse right = api.client.get("/metrics", "Authorization", "Bearer s3cret");

            assertThat(missing.status()).isEqualTo(401);
            assertThat(missing.json()).containsEntry("code", "UNAUTHORIZED").containsEntry("status_code", 401L);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(right.status()).isEqualTo(200);
        }
    }

    @Test
    void probes_need_no_key_and_carry_no_rate_limit_headers() {
        try (ApiHarness api = ApiHarness.start(HttpSettings.defaults(), new EchoRoutes())) {
            TestResponse response = api.client.get("/health", "X-API-Key", "hr_garbage");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-RateLimit-Limit")).isNull();
        }
    }
}
