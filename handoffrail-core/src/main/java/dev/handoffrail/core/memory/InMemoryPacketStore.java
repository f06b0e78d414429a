package dev.handoffrail.core.memory;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketCursor;
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
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Packets held in memory. Ids order as their lower-case canonical text (as PostgreSQL's {@code uuid} and text
 * columns do), so ties on {@code created_at} break the same way in every adapter. Deleting terminal packets also
 * deletes their history and deliveries, which is why this store is built over the audit log and the outbox.
 * Thread-safe; joins the {@link InMemoryTransactor}, whose lock makes every transaction's reads locking reads.
 */
public final class InMemoryPacketStore implements PacketStore {
    private static final Comparator<Packet> OLDEST_FIRST = Comparator.comparing(Packet::createdAt)
            .thenComparing(InMemoryPacketStore::idText);
    private static final Comparator<Packet> NEXT_CLAIMABLE = Comparator
            .comparingInt((Packet p) -> -p.priority().rank())
            .thenComparing(OLDEST_FIRST);
    private static final Comparator<Packet> EXPIRY_ORDER = Comparator.comparing(Packet::statusChangedAt)
            .thenComparing(InMemoryPacketStore::idText);

    private final InMemoryTransactor transactor;
    private final InMemoryAuditLog audit;
    private final InMemoryDeliveryStore deliveries;
    private final Table<PacketId, Packet> packets;
    private final ActiveAgentCounts activeAgents;

    public InMemoryPacketStore(InMemoryTransactor transactor, InMemoryAuditLog audit,
                               InMemoryDeliveryStore deliveries) {
        this.transactor = requireNonNull(transactor, "transactor");
        this.audit = requireNonNull(audit, "audit");
        this.deliveries = requireNonNull(deliveries, "deliveries");
        this.packets = new Table<>(transactor);
        this.activeAgents = new ActiveAgentCounts(transactor);
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
            activeAgents.replaced(null, packet);
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
                activeAgents.replaced(stored, packet);
            });
            return current.isPresent();
        });
    }

    @Override
    public Optional<Packet> lockNextClaimable(TenantId tenant, String targetAgentId, Set<String> tags) {
        return transactor.inTransaction(() -> ofTenant(tenant)
                .filter(p -> p.status() == PacketStatus.CREATED)
                .filter(p -> targetAgentId == null || targetAgentId.equals(p.targetAgent().id()))
                .filter(p -> p.tags().containsAll(tags))
                .min(NEXT_CLAIMABLE));
    }

    @Override
    public PacketPage list(TenantId tenant, PacketQuery query) {
        Comparator<Packet> order = query.oldestFirst() ? OLDEST_FIRST : OLDEST_FIRST.reversed();
        return transactor.inTransaction(() -> {
            List<Packet> matching = ofTenant(tenant).filter(query::matches).sorted(order).toList();
            Stream<Packet> rest = query.cursor() == null
                    ? matching.stream().skip(query.offset())
                    : matching.stream().filter(after(query.cursor(), query.oldestFirst()));
            List<Packet> window = rest.limit(query.limit() + 1L).toList();
            boolean more = window.size() > query.limit();
            List<Packet> page = more ? window.subList(0, query.limit()) : window;
            PacketCursor next = more ? PacketCursor.after(page.get(page.size() - 1)) : null;
            return new PacketPage(page, matching.size(), next);
        });
    }

    @Override
    public PacketPage search(TenantId tenant, SearchQuery query) {
        Set<PacketStatus> statuses = query.statuses();
        return transactor.inTransaction(() -> {
            List<Packet> hits = ofTenant(tenant)
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
        return transactor.inTransaction(() -> packets.rows()
                .filter(p -> expirable(p, ttlCutoff, now))
                .sorted(EXPIRY_ORDER)
                .limit(limit)
                .toList());
    }

    @Override
    public List<Packet> findLeaseExpired(Instant now, int limit) {
        return transactor.inTransaction(() -> packets.rows()
                .filter(p -> (p.status() == PacketStatus.CLAIMED || p.status() == PacketStatus.IN_PROGRESS)
                        && p.lease().expiredAt(now))
                .sorted(Comparator.comparing((Packet p) -> p.lease().expiresAt())
                        .thenComparing(p -> p.id().value()))
                .limit(limit)
                .toList());
    }

    @Override
    public int purgeTerminal(TenantId tenant, Instant updatedBefore) {
        return transactor.inTransaction(() -> {
            List<Packet> removed = ofTenant(tenant)
                    .filter(p -> p.status().isTerminal() && p.updatedAt().isBefore(updatedBefore))
                    .toList();
            Set<PacketId> doomed = removed.stream().map(Packet::id).collect(Collectors.toSet());
            for (Packet packet : removed) {
                packets.remove(packet.id());
                activeAgents.replaced(packet, null);
            }
            audit.removeHistory(tenant, doomed);
            deliveries.removeForPackets(tenant, doomed);
            return doomed.size();
        });
    }

    /** Every stored packet; the caller holds the transactor's lock (runs inside a transaction). */
    Stream<Packet> rows() {
        return packets.rows();
    }

    private Stream<Packet> ofTenant(TenantId tenant) {
        return packets.rows().filter(p -> p.tenant().equals(tenant));
    }

    /** Packets strictly after {@code cursor} in list order: the keyset condition on (created_at, id). */
    private static Predicate<Packet> after(PacketCursor cursor, boolean ascending) {
        return p -> {
            int byTime = p.createdAt().compareTo(cursor.createdAt());
            int position = byTime != 0 ? byTime : idText(p).compareTo(cursor.id().toString());
            return ascending ? position > 0 : position < 0;
        };
    }

    private static boolean expirable(Packet p, Instant ttlCutoff, Instant now) {
        if (!p.status().isActive()) {
            return false;
        }
        Integer timeout = p.status() == PacketStatus.AWAITING_HUMAN && p.hitl() != null
                ? p.hitl().timeoutSeconds() : null;
        if (timeout != null) {
            return !p.statusChangedAt().plusSeconds(timeout).isAfter(now);
        }
        return p.statusChangedAt().isBefore(ttlCutoff);
    }

    private static String idText(Packet p) {
        return p.id().toString();
    }

    private record Hit(Packet packet, int relevance) {
    }
}
