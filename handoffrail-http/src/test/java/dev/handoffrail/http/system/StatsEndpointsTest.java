package dev.handoffrail.http.system;

import static dev.handoffrail.http.LiveApi.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.http.HttpProbes;
import dev.handoffrail.http.LiveApi;
import dev.handoffrail.http.SystemInfo;
import dev.handoffrail.http.TestResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatsEndpointsTest {
    private LiveApi api;

    @AfterEach
    void stop() {
        api.close();
    }

    /** Probes of a PostgreSQL deployment with Redis up. */
    private static final class KnownSystem implements HttpProbes {
        @Override
        public boolean databaseReady() {
            return true;
        }

        @Override
        public Boolean redisReady() {
            return true;
        }

        @Override
        public SystemInfo systemInfo() {
            return new SystemInfo("1.2.3", "staging", "postgresql", 4096L, new SystemInfo.ConnectionPool(10, 2, 8, 0));
        }
    }

    private String claim(String agent, String packet) {
        TestResponse claimed = api.call(agent, "POST", "/api/v1/packets/" + packet + "/claim",
                "{\"agent_id\": \"billing-01\", \"agent_name\": \"Billing\"}");
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(200);
        return packet;
    }

    @Test
    void tenant_statistics_count_only_the_callers_packets() {
        api = LiveApi.start();
        api.tenant("acme", "pro");
        api.tenant("other", "pro");
        String writer = api.key("acme", "writer");
        String agent = api.key("acme", "agent");
        String reader = api.key("acme", "reader");
        String first = api.packet(writer, "sales", "billing-01");
        api.packet(writer, "sales", "billing-01");
        api.packet(api.key("other", "writer"), "x", "y");
        api.call(writer, "POST", "/api/v1/packets", LiveApi.packetBody("sales", "human", ", \"hitl\": {\"reason\":"
                + " \"Approve\"}"));
        api.clock.advance(Duration.ofSeconds(12));
        claim(agent, first);
        api.clock.advance(Duration.ofHours(25));
        api.packet(writer, "sales", "billing-01");

        TestResponse stats = api.get(reader, "/api/v1/stats");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("total_packets", 4L);
        expected.put("packets_by_status", Map.of("created", 2L, "claimed", 1L, "awaiting_human", 1L));
        expected.put("packets_last_24h", 1L);
        expected.put("avg_claim_time_seconds", 12.0);
        expected.put("hitl_queue_depth", 1L);
        expected.put("active_ws_connections", 0L);
        expected.put("active_sse_connections", 0L);
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.json()).isEqualTo(expected);
    }

    @Test
    void an_empty_tenant_has_no_statuses_and_no_claim_time() {
        api = LiveApi.start();
        api.tenant("acme", "free");

        Map<String, Object> stats = api.get(api.key("acme", "reader"), "/api/v1/stats").json();

        assertThat(stats).containsEntry("total_packets", 0L).containsEntry("packets_by_status", Map.of())
                .containsEntry("avg_claim_time_seconds", null);
    }

    @Test
    void system_health_reports_every_member_across_tenants() {
        api = LiveApi.start(new KnownSystem());
        api.tenant("acme", "pro");
        api.tenant("other", "business");
        String writer = api.key("acme", "writer");
        String agent = api.key("acme", "agent");
        String otherWriter = api.key("other", "writer");
        api.call(otherWriter, "POST", "/api/v1/hooks", "{\"url\": \"https://hooks.example.com/h\","
                + " \"secret\": \"whsec_4f1d0c9e8b7a6a5b4c3d\"}");
        api.packet(writer, "sales", "billing-01");
        api.clock.advance(Duration.ofMinutes(30));
        String claimed = api.packet(writer, "sales", "billing-01");
        String completed = api.packet(writer, "intake", "billing-01");
        api.packet(otherWriter, "ops", "audit-bot");
        api.rail.webhookDispatcher().runOnce();
        api.transport.status = 500;
        api.packet(otherWriter, "ops", "audit-bot");
        api.rail.webhookDispatcher().runOnce();
        api.clock.advance(Duration.ofSeconds(20));
        claim(agent, claimed);
        claim(agent, completed);
        api.clock.advance(Duration.ofSeconds(30));
        assertThat(api.call(agent, "PATCH", "/api/v1/packets/" + completed, "{\"status\": \"completed\"}")
                .status()).isEqualTo(200);
        api.clock.advance(Duration.ofMinutes(45));

        TestResponse health = api.get(ROOT, "/api/v1/system/health");

        assertThat(health.status()).isEqualTo(200);
        Map<String, Object> json = health.json();
        assertThat(json.keySet()).containsExactly("version", "uptime_seconds", "environment", "database_backend",
                "redis_connected", "total_packets", "packets_by_status", "packets_created_last_1h",
                "packets_created_last_24h", "avg_time_to_claim_seconds", "avg_time_to_complete_seconds",
                "active_agents", "total_agents_seen", "top_agents", "packets_waiting",
                "oldest_waiting_packet_age_seconds", "claimed_not_completed", "total_webhooks", "recent_deliveries_1h",
                "failed_deliveries_1h", "avg_delivery_latency_ms", "db_size_bytes", "connection_pool",
                "active_api_keys", "requests_last_1h_per_tenant");
        assertThat(json).containsEntry("version", "1.2.3").containsEntry("uptime_seconds", 4550L)
                .containsEntry("environment", "staging").containsEntry("database_backend", "postgresql")
                .containsEntry("redis_connected", true).containsEntry("total_packets", 5L)
                .containsEntry("packets_by_status", Map.of("created", 3L, "claimed", 1L, "completed", 1L))
                .containsEntry("packets_created_last_1h", 4L).containsEntry("packets_created_last_24h", 5L)
                .containsEntry("avg_time_to_claim_seconds", 20.0).containsEntry("avg_time_to_complete_seconds", 50.0)
                .containsEntry("active_agents", 4L).containsEntry("total_agents_seen", 5L)
                .containsEntry("top_agents", List.of(topAgent("billing-01", 3), topAgent("audit-bot", 2),
                        topAgent("ops", 2), topAgent("sales", 2), topAgent("intake", 1)))
                .containsEntry("packets_waiting", 3L).containsEntry("oldest_waiting_packet_age_seconds", 4550L)
                .containsEntry("claimed_not_completed", 1L).containsEntry("total_webhooks", 1L)
                .containsEntry("recent_deliveries_1h", 2L).containsEntry("failed_deliveries_1h", 1L)
                .containsEntry("avg_delivery_latency_ms", null).containsEntry("db_size_bytes", 4096L)
                .containsEntry("connection_pool", Map.of("size", 10L, "active", 2L, "idle", 8L, "pending", 0L))
                .containsEntry("active_api_keys", 4L).containsEntry("requests_last_1h_per_tenant", null);
    }

    private static Map<String, Object> topAgent(String id, long count) {
        return Map.of("agent_id", id, "packet_count", count);
    }

    @Test
    void unknown_system_facts_are_null() {
        api = LiveApi.start();

        Map<String, Object> json = api.get(ROOT, "/api/v1/system/health").json();

        assertThat(json).containsEntry("version", null).containsEntry("environment", null)
                .containsEntry("database_backend", null).containsEntry("redis_connected", null)
                .containsEntry("db_size_bytes", null).containsEntry("connection_pool", null)
                .containsEntry("total_packets", 0L).containsEntry("oldest_waiting_packet_age_seconds", null);
    }

    @Test
    void system_health_needs_a_platform_admin_and_stats_a_key() {
        api = LiveApi.start();
        String tenantAdmin = api.key("default", "admin");

        for (TestResponse refused : List.of(api.get(tenantAdmin, "/api/v1/system/health"),
                api.get(api.key("default", "reader"), "/api/v1/system/health"))) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json()).containsEntry("code", "FORBIDDEN")
                    .containsEntry("detail", "Platform admin required");
        }
        TestResponse anonymous = api.client.get("/api/v1/stats");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json()).containsEntry("detail", "Missing X-API-Key header");
    }
}
