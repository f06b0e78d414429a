package dev.handoffrail.http.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.handoffrail.http.SystemInfo;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /api/v1/system/health} (http-api.md §15.2), written by Jackson in declaration order (the
 * contract's); what is not measured ({@code avg_delivery_latency_ms}, {@code requests_last_1h_per_tenant}, and
 * whatever a failed probe could not tell) is {@code null}. Immutable.
 */
record SystemHealthReport(
        String version, @JsonProperty("uptime_seconds") long uptimeSeconds, String environment,
        @JsonProperty("database_backend") String databaseBackend,
        @JsonProperty("redis_connected") Boolean redisConnected,
        @JsonProperty("total_packets") long totalPackets,
        @JsonProperty("packets_by_status") Map<String, Long> packetsByStatus,
        @JsonProperty("packets_created_last_1h") long packetsCreatedLastHour,
        @JsonProperty("packets_created_last_24h") long packetsCreatedLast24h,
        @JsonProperty("avg_time_to_claim_seconds") Double avgTimeToClaimSeconds,
        @JsonProperty("avg_time_to_complete_seconds") Double avgTimeToCompleteSeconds,
        @JsonProperty("active_agents") long activeAgents, @JsonProperty("total_agents_seen") long totalAgentsSeen,
        @JsonProperty("top_agents") List<TopAgent> topAgents, @JsonProperty("packets_waiting") long packetsWaiting,
        @JsonProperty("oldest_waiting_packet_age_seconds") Long oldestWaitingPacketAgeSeconds,
        @JsonProperty("claimed_not_completed") long claimedNotCompleted,
        @JsonProperty("total_webhooks") long totalWebhooks,
        @JsonProperty("recent_deliveries_1h") long recentDeliveriesLastHour,
        @JsonProperty("failed_deliveries_1h") long failedDeliveriesLastHour,
        @JsonProperty("avg_delivery_latency_ms") Long avgDeliveryLatencyMs,
        @JsonProperty("db_size_bytes") Long dbSizeBytes,
        @JsonProperty("connection_pool") SystemInfo.ConnectionPool connectionPool,
        @JsonProperty("active_api_keys") long activeApiKeys,
        @JsonProperty("requests_last_1h_per_tenant") Map<String, Long> requestsLastHourPerTenant) {

    record TopAgent(@JsonProperty("agent_id") String agentId, @JsonProperty("packet_count") long packetCount) {
    }
}
