package dev.handoffrail.core.port.out;

import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Aggregate figures over the stored packets, for dashboards, health reports and gauges (never on a packet
 * request's path). Thread-safe. Every method joins the ambient {@link Transactor} transaction if there is one.
 */
public interface PacketStatistics {
    /** Packet counts per status for one tenant, or for all tenants when {@code tenant} is null. */
    Map<PacketStatus, Long> countByStatus(TenantId tenant);

    /** Tenant statistics computed by aggregate queries (http-api.md §15.1), relative to {@code now}. */
    PacketStats stats(TenantId tenant, Instant now);

    /**
     * Figures across all tenants for the platform health report (http-api.md §15.2), computed by aggregate
     * queries relative to {@code now}.
     */
    SystemPacketStats systemStats(Instant now);

    /** Aggregate statistics for one tenant's dashboard. {@code avgClaimTimeSeconds} is null with no claims. */
    record PacketStats(long total, Map<PacketStatus, Long> byStatus, long createdLast24h, Double avgClaimTimeSeconds,
                       long awaitingHuman) {
        public PacketStats {
            byStatus = Map.copyOf(byStatus);
        }
    }

    /**
     * Cross-tenant packet figures. The averages (over packets that have the timestamp) are null when no packet has
     * it; {@code oldestWaitingCreatedAt} is null when no packet is {@code created}. {@code agentsSeen} counts
     * distinct (tenant, agent id) pairs among sources and targets; {@code topAgents} holds at most five agent ids
     * by the number of packets they are source or target of, ties by agent id ascending.
     */
    record SystemPacketStats(long createdLastHour, long createdLast24h, Double avgClaimSeconds,
                             Double avgCompleteSeconds, Instant oldestWaitingCreatedAt, long agentsSeen,
                             List<AgentCount> topAgents) {
        /** How many top agents {@link #topAgents} holds at most. */
        public static final int TOP_AGENTS = 5;

        public SystemPacketStats {
            topAgents = List.copyOf(topAgents);
        }

        /** An agent id with the number of packets it is the source or target of. */
        public record AgentCount(String agentId, long packetCount) {
        }
    }
}
