package dev.handoffrail.core.port.in;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.out.DeliveryStore.DeliveryActivity;
import dev.handoffrail.core.port.out.PacketStatistics.SystemPacketStats;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.Map;

/**
 * Cross-tenant figures for operators: the stored part of {@code GET /api/v1/system/health} (http-api.md §15.2)
 * and the database gauges of §20. Both come from aggregate store calls (counts, at most one call per tenant),
 * never from reading every packet.
 */
public interface MonitoringUseCase {
    /** Platform admins only ({@code READ_SYSTEM_HEALTH}): the figures the stores hold, read at {@code at}. */
    SystemReport systemReport(Caller caller);

    /** For metrics scraping (no caller): packets per status and dead-letter deliveries per tenant. */
    Gauges gauges();

    /**
     * @param activeAgents distinct active agents, summed over active tenants
     * @param webhooks registered webhooks of active tenants
     * @param deliveriesLastHour delivery attempts and failures in the hour before {@code at}
     * @param activeApiKeys non-revoked keys of active tenants
     */
    record SystemReport(Instant at, Map<PacketStatus, Long> packetsByStatus, SystemPacketStats packets,
                        long activeAgents, long webhooks, DeliveryActivity deliveriesLastHour, long activeApiKeys) {
        public SystemReport {
            packetsByStatus = Map.copyOf(packetsByStatus);
        }
    }

    record Gauges(Map<PacketStatus, Long> packetsByStatus, Map<TenantId, Long> deadLetters) {
        public Gauges {
            packetsByStatus = Map.copyOf(packetsByStatus);
            deadLetters = Map.copyOf(deadLetters);
        }
    }
}
