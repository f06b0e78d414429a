package dev.handoffrail.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.RailSettings;
import dev.handoffrail.http.LiveApi;
import dev.handoffrail.http.TestResponse;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PacketMetricsTest {
    private static final String CLAIM = "{\"agent_id\": \"billing\", \"agent_name\": \"B\"}";

    private LiveApi api;
    private String writer;
    private String agent;

    @BeforeEach
    void start() {
        api = LiveApi.start();
        api.tenant("acme", "pro");
        writer = api.key("acme", "writer");
        agent = api.key("acme", "agent");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** The exposition lines of the metric family {@code name} (samples only). */
    private List<String> scrape(String name) {
        TestResponse metrics = api.client.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        return metrics.body().lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .toList();
    }

    private TestResponse call(String key, String method, String path, String body) {
        TestResponse response = api.call(key, method, path, body);
        assertThat(response.status()).as(response.toString()).isLessThan(300);
        return response;
    }

    @Test
    void creations_count_handoffs_per_tenant_and_observe_chain_depth() {
        String parent = api.packet(writer, "sales", "billing");
        String child = (String) call(writer, "POST", "/api/v1/packets/" + parent + "/chain",
                LiveApi.packetBody("billing", "support", "")).json().get("id");
        call(writer, "POST", "/api/v1/packets/" + child + "/chain", LiveApi.packetBody("support", "ops", ""));

        assertThat(scrape("handoffrail_handoffs_total"))
                .containsExactly("handoffrail_handoffs_total{tenant_id=\"acme\"} 3.0");
        assertThat(scrape("handoffrail_chain_depth_bucket")).containsExactly(
                "handoffrail_chain_depth_bucket{le=\"0.0\"} 1",
                "handoffrail_chain_depth_bucket{le=\"1.0\"} 2",
                "handoffrail_chain_depth_bucket{le=\"2.0\"} 3",
                "handoffrail_chain_depth_bucket{le=\"5.0\"} 3",
                "handoffrail_chain_depth_bucket{le=\"10.0\"} 3",
                "handoffrail_chain_depth_bucket{le=\"20.0\"} 3",
                "handoffrail_chain_depth_bucket{le=\"50.0\"} 3",
                "handoffrail_chain_depth_bucket{le=\"+Inf\"} 3");
        assertThat(scrape("handoffrail_chain_depth_count")).containsExactly("handoffrail_chain_depth_count 3");
        assertThat(scrape("handoffrail_chain_depth_sum")).containsExactly("handoffrail_chain_depth_sum 3.0");
    }

    @Test
    void transitions_expiries_and_checkpoints_are_counted() {
        String claimed = api.packet(writer, "sales", "billing");
        call(agent, "POST", "/api/v1/packets/" + claimed + "/claim", CLAIM);
        call(agent, "PATCH", "/api/v1/packets/" + claimed, "{\"status\": \"completed\"}");
        String deleted = api.packet(writer, "sales", "billing");
        call(writer, "DELETE", "/api/v1/packets/" + deleted, null);
        String human = (String) call(writer, "POST", "/api/v1/packets", LiveApi.packetBody("sales", "human",
                ", \"hitl\": {\"reason\": \"Refund\", \"options\": [\"Approve\", \"Deny\"]}")).json().get("id");
        call(agent, "POST", "/api/v1/packets/" + human + "/respond", "{\"response\": \"Approve\","
                + " \"responded_by\": \"manager@example.com\"}");

        assertThat(scrape("handoffrail_packet_transitions_total")).containsExactlyInAnyOrder(
                "handoffrail_packet_transitions_total{from_status=\"awaiting_human\",to_status=\"claimed\"} 1.0",
                "handoffrail_packet_transitions_total{from_status=\"claimed\",to_status=\"completed\"} 1.0",
                "handoffrail_packet_transitions_total{from_status=\"created\",to_status=\"claimed\"} 1.0",
                "handoffrail_packet_transitions_total{from_status=\"created\",to_status=\"expired\"} 1.0");
        assertThat(scrape("handoffrail_packets_expired_total"))
                .containsExactly("handoffrail_packets_expired_total{reason=\"soft_delete\"} 1.0");
        assertThat(scrape("handoffrail_hitl_checkpoints_total"))
                .containsExactly("handoffrail_hitl_checkpoints_total{tenant_id=\"acme\"} 1.0");
        assertThat(scrape("handoffrail_hitl_responses_total"))
                .containsExactly("handoffrail_hitl_responses_total{tenant_id=\"acme\"} 1.0");
    }

    @Test
    void expired_leases_are_counted_whether_they_release_or_fail_the_packet() {
        String id = api.packet(writer, "sales", "billing");
        String leased = "{\"agent_id\": \"billing\", \"agent_name\": \"B\", \"lease_seconds\": 5}";
        for (int expiry = 0; expiry <= RailSettings.DEFAULT_LEASE_MAX_RELEASES; expiry++) {
            call(agent, "POST", "/api/v1/packets/" + id + "/claim", leased);
            api.clock.advance(Duration.ofSeconds(5));
            api.rail.expirySweeper().runOnce();
        }

        assertThat(scrape("handoffrail_leases_expired_total"))
                .containsExactly("handoffrail_leases_expired_total{tenant_id=\"acme\"} 4.0");
        assertThat(call(agent, "GET", "/api/v1/packets/" + id, null).json()).containsEntry("status", "failed");
    }

    @Test
    void key_operations_are_counted_by_operation() {
        String admin = api.key("acme", "admin");
        String id = (String) api.keyJson("acme", "reader", "temp").get("id");
        String other = (String) api.keyJson("acme", "reader", "other").get("id");
        call(admin, "DELETE", "/api/v1/keys/" + id, null);
        call(admin, "POST", "/api/v1/keys/" + other + "/rotate", null);

        assertThat(scrape("handoffrail_api_key_operations_total")).containsExactlyInAnyOrder(
                "handoffrail_api_key_operations_total{operation=\"created\"} 5.0",
                "handoffrail_api_key_operations_total{operation=\"revoked\"} 1.0",
                "handoffrail_api_key_operations_total{operation=\"rotated\"} 1.0");
    }

    @Test
    void webhook_attempts_are_counted_and_timed_by_result() {
        String hook = (String) call(writer, "POST", "/api/v1/hooks", "{\"url\": \"https://hooks.example.com/h\","
                + " \"secret\": \"whsec_4f1d0c9e8b7a6a5b4c3d\"}").json().get("id");
        api.packet(writer, "sales", "billing");
        api.transport.status = 500;
        api.rail.webhookDispatcher().runOnce();
        api.packet(writer, "sales", "billing");
        api.transport.status = 200;
        api.rail.webhookDispatcher().runOnce();

        assertThat(scrape("handoffrail_webhook_deliveries_total")).containsExactlyInAnyOrder(
                "handoffrail_webhook_deliveries_total{event_type=\"packet.created\",result=\"failed\",webhook_id=\""
                        + hook + "\"} 1.0",
                "handoffrail_webhook_deliveries_total{event_type=\"packet.created\",result=\"success\",webhook_id=\""
                        + hook + "\"} 1.0");
        assertThat(scrape("handoffrail_webhook_delivery_latency_seconds_count")).containsExactlyInAnyOrder(
                "handoffrail_webhook_delivery_latency_seconds_count{result=\"failed\"} 1",
                "handoffrail_webhook_delivery_latency_seconds_count{result=\"success\"} 1");
        // the 5 ms bucket exists; which bucket an attempt lands in depends on the machine's load, so only +Inf is exact
        assertThat(scrape("handoffrail_webhook_delivery_latency_seconds_bucket"))
                .contains("handoffrail_webhook_delivery_latency_seconds_bucket{result=\"success\",le=\"+Inf\"} 1")
                .anyMatch(line -> line.startsWith(
                        "handoffrail_webhook_delivery_latency_seconds_bucket{result=\"success\",le=\"0.005\"} "));
    }

    @Test
    void database_gauges_cover_every_status_and_refresh_at_most_every_five_seconds() {
        api.packet(writer, "sales", "billing");
        String claimed = api.packet(writer, "sales", "billing");
        call(agent, "POST", "/api/v1/packets/" + claimed + "/claim", CLAIM);

        assertThat(scrape("handoffrail_active_packets")).containsExactly("handoffrail_active_packets 2.0");
        assertThat(scrape("handoffrail_packet_status_count")).containsExactlyInAnyOrder(
                "handoffrail_packet_status_count{status=\"created\"} 1.0",
                "handoffrail_packet_status_count{status=\"claimed\"} 1.0",
                "handoffrail_packet_status_count{status=\"in_progress\"} 0.0",
                "handoffrail_packet_status_count{status=\"awaiting_human\"} 0.0",
                "handoffrail_packet_status_count{status=\"completed\"} 0.0",
                "handoffrail_packet_status_count{status=\"failed\"} 0.0",
                "handoffrail_packet_status_count{status=\"expired\"} 0.0");

        call(writer, "DELETE", "/api/v1/packets/" + claimed, null);
        api.clock.advance(Duration.ofSeconds(4));
        assertThat(scrape("handoffrail_active_packets")).containsExactly("handoffrail_active_packets 2.0");
        api.clock.advance(Duration.ofSeconds(1));
        assertThat(scrape("handoffrail_active_packets")).containsExactly("handoffrail_active_packets 1.0");
        assertThat(scrape("handoffrail_packet_status_count"))
                .contains("handoffrail_packet_status_count{status=\"expired\"} 1.0");
    }

    @Test
    void the_dead_letter_gauge_is_per_tenant() {
        call(writer, "POST", "/api/v1/hooks", "{\"url\": \"https://hooks.example.com/h\", \"secret\":"
                + " \"whsec_4f1d0c9e8b7a6a5b4c3d\"}");
        api.packet(writer, "sales", "billing");
        api.transport.status = 500;
        api.rail.webhookDispatcher().runOnce();
        api.clock.advance(Duration.ofHours(1));
        api.rail.webhookDispatcher().runOnce();

        assertThat(scrape("handoffrail_webhook_dlq_size"))
                .containsExactly("handoffrail_webhook_dlq_size{tenant_id=\"acme\"} 1.0");
    }

    @Test
    void a_used_up_daily_allowance_counts_as_a_daily_handoffs_refusal() {
        api.tenant("tiny", "free");
        String tinyWriter = api.key("tiny", "writer");
        for (int i = 0; i < 5; i++) {
            call(tinyWriter, "POST", "/api/v1/packets", LiveApi.packetBody("sales", "billing", ""));
        }

        TestResponse refused = api.call(tinyWriter, "POST", "/api/v1/packets",
                LiveApi.packetBody("sales", "billing", ""));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(scrape("handoffrail_rate_limited_total"))
                .containsExactly("handoffrail_rate_limited_total{tier=\"free\",window=\"daily_handoffs\"} 1.0");
    }

    @Test
    void refusals_reported_by_the_core_are_counted_by_window_and_tier() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerRailObserver observer = new MicrometerRailObserver(registry);

        observer.rateLimited("daily_handoffs", "free");
        observer.rateLimited("connections", "pro");
        observer.rateLimited("connections", "pro");

        assertThat(registry.scrape().lines().filter(line -> line.startsWith("handoffrail_rate_limited_total{")))
                .containsExactlyInAnyOrder(
                        "handoffrail_rate_limited_total{tier=\"free\",window=\"daily_handoffs\"} 1.0",
                        "handoffrail_rate_limited_total{tier=\"pro\",window=\"connections\"} 2.0");
    }
}
