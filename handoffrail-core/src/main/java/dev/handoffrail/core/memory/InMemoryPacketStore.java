package dev.handoffrail.core.memory;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketPage;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.SearchQuery;
import dev.handoffrail.core.port.out.PacketStore;
import dev.handoffrail.core.tenant.ActiveAgents;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Packets held in memory. Ids order as their lower-case canonical text (as PostgreSQL's {@code uuid} and text
 * columns do), so ties on {@code created_at} break the same way in every adapter. Besides the packets by id, the
 * store keeps ordered {@link PacketIndexes} changed with every packet, so that a list page, claim-next, the
 * sweeper's reads and the retention purge walk only what they return, whatever the store holds; search ranks every
 * match of the tenant's packets. Deleting terminal packets also deletes their history and deliveries, which is why
 * this store is built over the audit log and the outbox. Thread-safe; joins the {@link InMemoryTransactor}, whose
 * lock makes every transaction's reads locking reads, and whose rollback undoes the indexes with the packets.
 */
public final class InMemoryPacketStore implements PacketStore {
    private static final Comparator<Packet> OLDEST_FIRST = Comparator.comparing(Packet::createdAt)
            .thenComparing(p -> p.id().toString());

    private final InMemoryTransactor transactor;
    private final InMemoryAuditLog audit;
    private final InMemoryDeliveryStore deliveries;
    private final Table<PacketId, Packet> packets;
    private final ActiveAgentCounts activeAgents;
    private final PacketIndexes indexes;

    public InMemoryPacketStore(InMemoryTransactor transactor, InMemoryAuditLog audit,
                               InMemoryDeliveryStore deliveries) {
        this.transactor = requireNonNull(transactor, "transactor");
        this.audit = requireNonNull(audit, "audit");
        this.deliveries = requireNonNull(deliveries, "deliveries");
        this.packets = new Table<>(transactor);
        this.activeAgents = new ActiveAgentCounts(transactor);
        this.indexes = new PacketIndexes(transactor);
    }

    @Override
    public Optional<Packet> find(TenantId tenant, PacketId id) {
        return transactor.inTransaction(() -> packets.get(id).filter(p -> p.tenant().equals(tenant)));
    }

    @Override
    public Optional<Packet> findForUpdate(TenantId tenant, PacketId id) {
        return find(tenant, id);
    }

    @Override
    public void insert(Packet packet) {
        transactor.run(() -> {
            packets.insert(packet.id(), packet);
            replaced(null, packet);
        });
    }

    @Override
    public boolean update(Packet packet, PacketStatus expectedStatus) {
        return transactor.inTransaction(() -> {
            Optional<Packet> current = packets.get(packet.id())
                    .filter(stored -> stored.tenant().equals(packet.tenant()) && stored.status() == expectedStatus
                            && stored.revision() == packet.revision() - 1);
            current.ifPresent(stored -> {
                packets.put(packet.id(), packet);
                replaced(stored, packet);
            });
            return current.isPresent();
        });
    }

    @Override
    public Optional<Packet> lockNextClaimable(TenantId tenant, String targetAgentId, Set<String> tags) {
        return transactor.inTransaction(() -> indexes.nextClaimable(tenant, targetAgentId, tags));
    }

    @Override
    public PacketPage list(TenantId tenant, PacketQuery query) {
        return transactor.inTransaction(() -> indexes.list(tenant, query));
    }

    @Override
    public PacketPage search(TenantId tenant, SearchQuery query) {
        Set<PacketStatus> statuses = query.statuses();
        return transactor.inTransaction(() -> {
            List<Packet> hits = indexes.ofTenant(tenant)
                    .filter(p -> statuses.isEmpty() || statuses.contains(p.status()))
                    .filter(p -> query.priority() == null || query.priority() == p.priority())
                    .map(p -> new Hit(p, PacketText.relevance(p, query.words())))
                    .filter(hit -> hit.relevance() > 0)
                    .sorted(Comparator.comparingInt(Hit::relevance)
                            .thenComparing(Hit::packet, OLDEST_FIRST).reversed())
                    .map(Hit::packet)
                    .toList();
            List<Packet> page = hits.stream().skip(query.offset()).limit(query.limit()).toList();
            return new PacketPage(page, hits.size(), null);
        });
    }

    @Override
    public ActiveAgents activeAgents(TenantId tenant, Collection<String> agentIds) {
        return transactor.inTransaction(() -> activeAgents.of(tenant, agentIds));
    }

    @Override
    public List<Packet> findExpirable(Instant ttlCutoff, Instant now, int limit) {
        return transactor.inTransaction(() -> indexes.expirable(ttlCutoff, now, limit));
    }

    @Override
    public List<Packet> findLeaseExpired(Instant now, int limit) {
        return transactor.inTransaction(() -> indexes.leaseExpired(now, limit));
    }

    @Override
    public int purgeTerminal(TenantId tenant, Instant updatedBefore) {
        return transactor.inTransaction(() -> {
            List<Packet> removed = indexes.terminalBefore(tenant, updatedBefore);
            if (removed.isEmpty()) {
                return 0;
            }
            Set<PacketId> doomed = removed.stream().map(Packet::id).collect(Collectors.toSet());
            for (Packet packet : removed) {
                packets.remove(packet.id());
                replaced(packet, null);
            }
            audit.removeHistory(tenant, doomed);
            deliveries.removeForPackets(tenant, doomed);
            return doomed.size();
        });
    }

    /** Every stored packet (each counted as visited); the caller holds the transactor's lock. */
    Stream<Packet> rows() {
        return packets.rows().map(indexes::visit);
    }

    /** The tenant's packets, oldest first (each counted as visited); the caller holds the transactor's lock. */
    Stream<Packet> rows(TenantId tenant) {
        return indexes.ofTenant(tenant);
    }

    /** How many packets the store's reads have looked at so far: what tests measure a read's cost by. */
    long packetsVisited() {
        return transactor.inTransaction(indexes::visited);
    }

    /** Accounts for a packet stored as {@code after} where it was {@code before} in every derived structure. */
    private void replaced(Packet before, Packet after) {
        activeAgents.replaced(before, after);
        indexes.replaced(before, after);
    }

    private record Hit(Packet packet, int relevance) {
    }
}
