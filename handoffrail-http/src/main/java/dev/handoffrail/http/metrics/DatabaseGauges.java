package dev.handoffrail.http.metrics;

import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.in.MonitoringUseCase;
import dev.handoffrail.core.port.in.MonitoringUseCase.Gauges;
import dev.handoffrail.core.tenant.TenantId;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges of http-api.md §20 read from the database at scrape time, across tenants, at most every
 * {@link #MAX_AGE}: {@code handoffrail_active_packets}, {@code handoffrail_packet_status_count{status}} (every
 * status, zeros included) and {@code handoffrail_webhook_dlq_size{tenant_id}}. A failed read keeps the previous
 * values (and is not retried before {@link #MAX_AGE}), so a database outage never breaks the scrape. Thread-safe.
 */
public final class DatabaseGauges implements MultiCollector {
    static final Duration MAX_AGE = Duration.ofSeconds(5);
    private static final Set<PacketStatus> ACTIVE = EnumSet.of(PacketStatus.CREATED, PacketStatus.CLAIMED,
            PacketStatus.IN_PROGRESS, PacketStatus.AWAITING_HUMAN);
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseGauges.class);

    private final MonitoringUseCase monitoring;
    private final Clock clock;
    private Reading reading = new Reading(Map.of(), Map.of(), null);

    /** {@code clock} times the readings (the rail's clock). */
    public DatabaseGauges(MonitoringUseCase monitoring, Clock clock) {
        this.monitoring = monitoring;
        this.clock = clock;
    }

    /** Registers the gauges with the Prometheus registry behind {@code /metrics}; returns them. */
    public static DatabaseGauges register(PrometheusRegistry registry, MonitoringUseCase monitoring, Clock clock) {
        DatabaseGauges gauges = new DatabaseGauges(monitoring, clock);
        registry.register(gauges);
        return gauges;
    }

    @Override
    public MetricSnapshots collect() {
        Reading current = read();
        Map<PacketStatus, Long> byStatus = current.byStatus();
        long active = 0;
        GaugeSnapshot.Builder statusCount = GaugeSnapshot.builder().name("handoffrail_packet_status_count")
                .help("Packets per status, all tenants");
        for (PacketStatus status : PacketStatus.values()) {
            long count = byStatus.getOrDefault(status, 0L);
            if (ACTIVE.contains(status)) {
                active += count;
            }
            statusCount.dataPoint(point(count, Labels.of("status", status.wireName())));
        }
        GaugeSnapshot activePackets = GaugeSnapshot.builder().name("handoffrail_active_packets")
                .help("Packets in created, claimed, in_progress or awaiting_human, all tenants")
                .dataPoint(point(active, Labels.EMPTY)).build();
        GaugeSnapshot.Builder dlqSize = GaugeSnapshot.builder().name("handoffrail_webhook_dlq_size")
                .help("Webhook deliveries in dead_letter, per tenant");
        current.deadLetters().forEach((tenant, count) -> dlqSize.dataPoint(point(count, Labels.of("tenant_id",
                tenant))));
        return new MetricSnapshots(activePackets, statusCount.build(), dlqSize.build());
    }

    private synchronized Reading read() {
        Instant now = clock.instant();
        if (reading.at() != null && now.isBefore(reading.at().plus(MAX_AGE)) && !now.isBefore(reading.at())) {
            return reading;
        }
        try {
            Gauges gauges = monitoring.gauges();
            Map<PacketStatus, Long> byStatus = new EnumMap<>(PacketStatus.class);
            byStatus.putAll(gauges.packetsByStatus());
            Map<String, Long> deadLetters = new TreeMap<>();
            for (Map.Entry<TenantId, Long> entry : gauges.deadLetters().entrySet()) {
                deadLetters.put(entry.getKey().value(), entry.getValue());
            }
            reading = new Reading(byStatus, deadLetters, now);
        } catch (RuntimeException e) {
            reading = new Reading(reading.byStatus(), reading.deadLetters(), now);
            LOG.atWarn().addKeyValue("event", "metrics_gauge_read_failed").setCause(e)
                    .log("Reading the database gauges failed; reporting the previous values");
        }
        return reading;
    }

    private static GaugeDataPointSnapshot point(double value, Labels labels) {
        return GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
    }

    private record Reading(Map<PacketStatus, Long> byStatus, Map<String, Long> deadLetters, Instant at) {
    }
}
