package dev.handoffrail.core.port.out;

import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketPage;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.SearchQuery;
import dev.handoffrail.core.tenant.ActiveAgents;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
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
     * A hint that {@code packet} is about to be {@link #insert inserted} or {@link #update written} by the calling
     * thread's next transaction: an adapter may do the CPU work of storing it (rendering its document) now, before
     * the transaction, which on a single-writer database means outside the write lock. Does nothing by default.
     */
    default void prepareWrite(Packet packet) {
    }

    /**
     * Conditional update: replaces the stored packet with {@code packet} only if the stored row (same tenant and
     * id) has status {@code expectedStatus} and revision {@code packet.revision() - 1}. Returns whether it did;
     * {@code false} means another writer got there first and nothing was changed. Tenant, source agent, parent,
     * tags and creation time are fixed at insert: an update never changes them.
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

    /**
     * The tenant's active agents as the {@code max_agents} rule reads them: how many distinct agent ids (source or
     * target) its packets in an active status name, and how many such packets name each of {@code agentIds} (null
     * ids are ignored). Kept up to date in the transaction of every packet change, so that this costs a few key
     * lookups and a count bounded by the number of active agents, whatever the number of stored packets.
     */
    ActiveAgents activeAgents(TenantId tenant, Collection<String> agentIds);

    /**
     * Across tenants, up to {@code limit} packets the sweeper must expire at {@code now}: active packets whose
     * status changed before {@code ttlCutoff} (awaiting-human ones only if they have no checkpoint timeout), and
     * awaiting-human packets whose checkpoint timeout has elapsed.
     */
    List<Packet> findExpirable(Instant ttlCutoff, Instant now, int limit);

    /**
     * Across tenants, up to {@code limit} claimed or in-progress packets whose claim lease expired at or before
     * {@code now}, soonest expired first: what the sweeper releases.
     */
    List<Packet> findLeaseExpired(Instant now, int limit);

    /**
     * Permanently deletes the tenant's terminal packets last updated before {@code updatedBefore}, with their
     * history and deliveries. Returns how many packets were deleted.
     */
    int purgeTerminal(TenantId tenant, Instant updatedBefore);
}
