package dev.handoffrail.core.service;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.auth.Permissions;
import dev.handoffrail.core.port.in.MonitoringUseCase;
import dev.handoffrail.core.port.out.ApiKeyStore;
import dev.handoffrail.core.port.out.DeliveryStore;
import dev.handoffrail.core.port.out.PacketStatistics;
import dev.handoffrail.core.port.out.PacketStore;
import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.port.out.WebhookStore;
import dev.handoffrail.core.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@link MonitoringUseCase} over the stores' aggregate queries. Thread-safe. */
public final class MonitoringService implements MonitoringUseCase {
    private final PacketStore packets;
    private final PacketStatistics statistics;
    private final TenantStore tenants;
    private final WebhookStore webhooks;
    private final ApiKeyStore keys;
    private final DeliveryStore deliveries;
    private final Clock clock;

    public MonitoringService(PacketStore packets, PacketStatistics statistics, TenantStore tenants,
                             WebhookStore webhooks, ApiKeyStore keys, DeliveryStore deliveries, Clock clock) {
        this.packets = requireNonNull(packets, "packets");
        this.statistics = requireNonNull(statistics, "statistics");
        this.tenants = requireNonNull(tenants, "tenants");
        this.webhooks = requireNonNull(webhooks, "webhooks");
        this.keys = requireNonNull(keys, "keys");
        this.deliveries = requireNonNull(deliveries, "deliveries");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public SystemReport systemReport(Caller caller) {
        Permissions.require(caller, Operation.READ_SYSTEM_HEALTH);
        Instant now = clock.instant();
        List<Tenant> active = tenants.listActive();
        return new SystemReport(now, statistics.countByStatus(null), statistics.systemStats(now),
                active.stream().mapToLong(t -> packets.activeAgents(t.id(), List.of()).count()).sum(),
                active.stream().mapToLong(t -> webhooks.list(t.id()).size()).sum(),
                deliveries.activitySince(now.minus(Duration.ofHours(1))),
                active.stream().mapToLong(t -> keys.countActive(t.id())).sum());
    }

    @Override
    public Gauges gauges() {
        return new Gauges(statistics.countByStatus(null), deliveries.deadLetterCounts());
    }
}
