package dev.handoffrail.core.port.out;

import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketPage;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.SearchQuery;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Durable packet storage. Thread-safe. Every method joins the ambient {@link Transactor} transaction if there is
 * one, and is its own transaction otherwise. Lookups are always scoped to a tenant: another tenant's packet is
 * simply absent.
 */
public interface PacketStore {
    Optional<Packet> find(TenantId tenant, PacketId id);

    /**
     * Inside a transaction: the packet, locked against concurrent writers until the transaction ends, so
     * read-modify-write sequences (PATCH, respond) apply one after another.
     */
    Optional<Packet> findForUpdate(TenantId tenant, PacketId id);

    /** Stores a new packet. Its id must be unused. */
    void insert(Packet packet);

    /**
     * Conditional update: replaces the stored packet with {@code packet} only if the stored row (same tenant and
     * id) has status {@code expectedStatus} and revision {@code packet.revision() - 1}. Returns whether it did;
     * {@code false} means another writer got there first and nothing was changed.
     */
    boolean update(Packet packet, PacketStatus expectedStatus);

    /**
     * Inside a transaction: the next {@code created} packet for claim-next — highest priority, then oldest
     * {@code created_at}, then smallest id — whose target agent id is {@code targetAgentId} (any when null) and
     * which carries every tag in {@code tags}; locked so that concurrent callers never get the same packet
     * (PostgreSQL: {@code FOR UPDATE SKIP LOCKED}).
     */
    Optional<Packet> lockNextClaimable(TenantId tenant, String targetAgentId, Set<String> tags);

    /** A page of packets matching {@code query}, with the total and the next cursor. */
    PacketPage list(TenantId tenant, PacketQuery query);

    /** Full-text search, best match first, then newest; {@code total} counts all matches. */
    PacketPage search(TenantId tenant, SearchQuery query);

    /** Distinct agent ids (source or target) of the tenant's packets in an active status. */
    Set<String> activeAgentIds(TenantId tenant);

    /**
     * Across tenants, up to {@code limit} packets the sweeper must expire at {@code now}: active packets whose
     * status changed before {@code ttlCutoff} (awaiting-human ones only if they have no checkpoint timeout), and
     * awaiting-human packets whose checkpoint timeout has elapsed.
     */
    List<Packet> findExpirable(Instant ttlCutoff, Instant now, int limit);

    /**
     * Permanently deletes the tenant's terminal packets last updated before {@code updatedBefore}, with their
     * history and deliveries. Returns how many packets were deleted.
     */
    int purgeTerminal(TenantId tenant, Instant updatedBefore);

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
