package dev.handoffrail.http.system;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.in.MonitoringUseCase;
import dev.handoffrail.core.port.in.MonitoringUseCase.SystemReport;
import dev.handoffrail.core.port.out.DeliveryStore.DeliveryActivity;
import dev.handoffrail.core.port.out.PacketStatistics.SystemPacketStats;
import dev.handoffrail.http.HttpProbes;
import dev.handoffrail.http.SystemInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cross-tenant report of {@code GET /api/v1/system/health} (http-api.md §15.2): the core's
 * {@link SystemReport} and the application's {@link SystemInfo}, as JSON. Figures nothing stores (delivery
 * latency, requests per tenant) are {@code null}. Thread-safe.
 */
final class SystemHealth {
    private static final Logger LOG = LoggerFactory.getLogger(SystemHealth.class);

    private final MonitoringUseCase monitoring;
    private final HttpProbes probes;
    private final Instant startedAt;

    SystemHealth(MonitoringUseCase monitoring, HttpProbes probes, Instant startedAt) {
        this.monitoring = monitoring;
        this.probes = probes;
        this.startedAt = startedAt;
    }

    Map<String, Object> report(Caller caller) {
        SystemReport report = monitoring.systemReport(caller);
        Instant now = report.at();
        SystemInfo info = ask(probes::systemInfo, SystemInfo.unknown());
        Map<PacketStatus, Long> byStatus = report.packetsByStatus();
        SystemPacketStats stats = report.packets();
        DeliveryActivity deliveries = report.deliveriesLastHour();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", info.version());
        json.put("uptime_seconds", Math.max(0, Duration.between(startedAt, now).toSeconds()));
        json.put("environment", info.environment());
        json.put("database_backend", info.databaseBackend());
        json.put("redis_connected", ask(probes::redisReady, null));

        json.put("total_packets", byStatus.values().stream().mapToLong(Long::longValue).sum());
        json.put("packets_by_status", nonZero(byStatus));
        json.put("packets_created_last_1h", stats.createdLastHour());
        json.put("packets_created_last_24h", stats.createdLast24h());
        json.put("avg_time_to_claim_seconds", stats.avgClaimSeconds());
        json.put("avg_time_to_complete_seconds", stats.avgCompleteSeconds());

        json.put("active_agents", report.activeAgents());
        json.put("total_agents_seen", stats.agentsSeen());
        json.put("top_agents", stats.topAgents().stream().map(SystemHealth::agent).toList());

        json.put("packets_waiting", byStatus.getOrDefault(PacketStatus.CREATED, 0L));
        json.put("oldest_waiting_packet_age_seconds", stats.oldestWaitingCreatedAt() == null ? null
                : Math.max(0, Duration.between(stats.oldestWaitingCreatedAt(), now).toSeconds()));
        json.put("claimed_not_completed", byStatus.getOrDefault(PacketStatus.CLAIMED, 0L)
                + byStatus.getOrDefault(PacketStatus.IN_PROGRESS, 0L));

        json.put("total_webhooks", report.webhooks());
        json.put("recent_deliveries_1h", deliveries.attempted());
        json.put("failed_deliveries_1h", deliveries.failed());
        json.put("avg_delivery_latency_ms", null);

        json.put("db_size_bytes", info.dbSizeBytes());
        json.put("connection_pool", pool(info.connectionPool()));

        json.put("active_api_keys", report.activeApiKeys());
        json.put("requests_last_1h_per_tenant", null);
        return json;
    }

    /** Only the statuses with a count above zero, in lifecycle order, by wire name. */
    static Map<String, Long> nonZero(Map<PacketStatus, Long> counts) {
        Map<String, Long> json = new LinkedHashMap<>();
        for (PacketStatus status : PacketStatus.values()) {
            long count = counts.getOrDefault(status, 0L);
            if (count > 0) {
                json.put(status.wireName(), count);
            }
        }
        return json;
    }

    private static Map<String, Object> agent(SystemPacketStats.AgentCount count) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("agent_id", count.agentId());
        json.put("packet_count", count.packetCount());
        return json;
    }

    private static Map<String, Object> pool(SystemInfo.ConnectionPool pool) {
        if (pool == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("size", pool.size());
        json.put("active", pool.active());
        json.put("idle", pool.idle());
        json.put("pending", pool.pending());
        return json;
    }

    private static <T> T ask(Supplier<T> probe, T fallback) {
        try {
            return probe.get();
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("event", "system_probe_failed").setCause(e).log("A system probe failed");
            return fallback;
        }
    }
}
