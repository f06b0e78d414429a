package dev.handoffrail.http.system;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.in.MonitoringUseCase;
import dev.handoffrail.core.port.in.MonitoringUseCase.SystemReport;
import dev.handoffrail.core.port.out.DeliveryStore.DeliveryActivity;
import dev.handoffrail.core.port.out.PacketStatistics.SystemPacketStats;
import dev.handoffrail.http.HttpProbes;
import dev.handoffrail.http.SystemInfo;
import dev.handoffrail.http.system.SystemHealthReport.TopAgent;
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

    SystemHealthReport report(Caller caller) {
        SystemReport report = monitoring.systemReport(caller);
        Instant now = report.at();
        SystemInfo info = ask(probes::systemInfo, SystemInfo.unknown());
        Map<PacketStatus, Long> byStatus = report.packetsByStatus();
        SystemPacketStats stats = report.packets();
        DeliveryActivity deliveries = report.deliveriesLastHour();
        Long oldestWaitingAge = stats.oldestWaitingCreatedAt() == null ? null
                : Math.max(0, Duration.between(stats.oldestWaitingCreatedAt(), now).toSeconds());
        return new SystemHealthReport(info.version(), Math.max(0, Duration.between(startedAt, now).toSeconds()),
                info.environment(), info.databaseBackend(), ask(probes::redisReady, null),
                byStatus.values().stream().mapToLong(Long::longValue).sum(), nonZero(byStatus),
                stats.createdLastHour(), stats.createdLast24h(), stats.avgClaimSeconds(), stats.avgCompleteSeconds(),
                report.activeAgents(), stats.agentsSeen(),
                stats.topAgents().stream().map(agent -> new TopAgent(agent.agentId(), agent.packetCount())).toList(),
                byStatus.getOrDefault(PacketStatus.CREATED, 0L), oldestWaitingAge,
                byStatus.getOrDefault(PacketStatus.CLAIMED, 0L) + byStatus.getOrDefault(PacketStatus.IN_PROGRESS, 0L),
                report.webhooks(), deliveries.attempted(), deliveries.failed(), null, info.dbSizeBytes(),
                info.connectionPool(), report.activeApiKeys(), null);
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

    private static <T> T ask(Supplier<T> probe, T fallback) {
        try {
            return probe.get();
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("event", "system_probe_failed").setCause(e).log("A system probe failed");
            return fallback;
        }
    }
}
