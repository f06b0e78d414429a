package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketCursor;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketPage;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.packet.SearchQuery;
import dev.handoffrail.core.port.out.PacketStore;
import dev.handoffrail.core.tenant.ActiveAgents;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * {@link PacketStore} on PostgreSQL or SQLite. Content is one JSON document; status, agents, priority, HITL flags,
 * timestamps and revision are columns, tags a table of their own, written once at insert. The tenant's active
 * agents ({@code tenant_agents}) and its packet counts by status, priority and HITL flag ({@code packet_counts})
 * are kept by triggers on {@code packets} (migrations V2, V3, V6, V7). Every status change is one conditional
 * update, so of concurrent writers exactly one wins. Thread-safe.
 */
final class SqlPacketStore implements PacketStore {
    private static final List<String> ACTIVE = statuses(PacketStatus::isActive);
    private static final List<String> TERMINAL = statuses(PacketStatus::isTerminal);
    private static final String SELECT = "SELECT " + PacketRow.COLUMNS + " FROM packets p";
    private static final String CLAIM_ORDER = " ORDER BY p.priority_rank DESC, p.created_at, p.id";

    private final SqlTransactor db;
    private final SqlDialect dialect;
    /** The document {@link #prepareWrite} rendered for this thread's next transaction, dropped when it ends. */
    private final ThreadLocal<Rendered> prepared = new ThreadLocal<>();

    SqlPacketStore(SqlTransactor db, SqlDialect dialect) {
        this.db = db;
        this.dialect = dialect;
        db.onTransactionEnd(prepared::remove);
    }

    @Override
    public void prepareWrite(Packet packet) {
        if (!db.inTransaction()) {
            prepared.set(Rendered.of(packet));
        }
    }

    /** {@code packet} rendered for storage: by {@link #prepareWrite} if it was given this very instance, or now. */
    private Rendered rendered(Packet packet) {
        Rendered ready = prepared.get();
        if (ready != null && ready.packet() == packet) {
            prepared.remove();
            return ready;
        }
        return Rendered.of(packet);
    }

    @Override
    public Optional<Packet> find(TenantId tenant, PacketId id) {
        return findOne(tenant, id, "");
    }

    @Override
    public Optional<Packet> findForUpdate(TenantId tenant, PacketId id) {
        return findOne(tenant, id, dialect.forUpdate());
    }

    private Optional<Packet> findOne(TenantId tenant, PacketId id, String lock) {
        return db.read(h -> h.createQuery(SELECT + " WHERE p.id = :id AND p.tenant_id = :tenant" + lock)
                .bind("id", id.value())
                .bind("tenant", tenant.value())
                .mapTo(PacketRow.class)
                .findOne()
                .map(PacketDocument::read));
    }

    @Override
    public void insert(Packet packet) {
        db.write(h -> {
            bindColumns(h.createUpdate("INSERT INTO packets (id, tenant_id, revision, status, source_agent_id, "
                    + "target_agent_id, priority_rank, hitl_required, hitl_timeout_seconds, parent_id, chain_depth, "
                    + "created_at, updated_at, status_changed_at, claimed_at, completed_at, body, search_text) "
                    + "VALUES (:id, :tenant, :revision, :status, :source, :target, :priority, :hitlRequired, "
                    + ":hitlTimeout, :parent, :chainDepth, :createdAt, :updatedAt, :statusChangedAt, :claimedAt, "
                    + ":completedAt, " + dialect.json(":body") + ", :searchText)"), rendered(packet))
                    .bind("source", packet.sourceAgent().id())
                    .bindByType("parent", packet.parentId() == null ? null : packet.parentId().value(), UUID.class)
                    .bind("chainDepth", packet.chainDepth())
                    .bind("createdAt", Micros.of(packet.createdAt()))
                    .execute();
            insertTags(h, packet);
            return null;
        });
    }

    @Override
    public boolean update(Packet packet, PacketStatus expectedStatus) {
        return db.write(h -> {
            int changed = bindColumns(h.createUpdate("UPDATE packets SET revision = :revision, status = :status, "
                    + "target_agent_id = :target, priority_rank = :priority, hitl_required = :hitlRequired, "
                    + "hitl_timeout_seconds = :hitlTimeout, updated_at = :updatedAt, "
                    + "status_changed_at = :statusChangedAt, claimed_at = :claimedAt, completed_at = :completedAt, "
                    + "lease_expires_at = :leaseExpiresAt, "
                    + "body = " + dialect.json(":body") + ", search_text = :searchText "
                    + "WHERE id = :id AND tenant_id = :tenant AND status = :expectedStatus "
                    + "AND revision = :expectedRevision"), rendered(packet))
                    .bindByType("leaseExpiresAt", packet.lease().held()
                            ? Micros.of(packet.lease().expiresAt()) : null, Long.class)
                    .bind("expectedStatus", expectedStatus.wireName())
                    .bind("expectedRevision", packet.revision() - 1)
                    .execute();
            return changed == 1;
        });
    }

    private static <S extends SqlStatement<S>> S bindColumns(S statement, Rendered rendered) {
        Packet packet = rendered.packet();
        boolean hitlRequired = packet.hitl() != null && packet.hitl().required();
        return statement.bind("id", packet.id().value())
                .bind("tenant", packet.tenant().value())
                .bind("revision", packet.revision())
                .bind("status", packet.status().wireName())
                .bind("target", packet.targetAgent().id())
                .bind("priority", packet.priority().rank())
                .bind("hitlRequired", hitlRequired)
                .bind("hitlTimeout", packet.hitl() == null ? null : packet.hitl().timeoutSeconds())
                .bind("updatedAt", Micros.of(packet.updatedAt()))
                .bind("statusChangedAt", Micros.of(packet.statusChangedAt()))
                .bind("claimedAt", Micros.of(packet.claimedAt()))
                .bind("completedAt", Micros.of(packet.completedAt()))
                .bind("body", rendered.body())
                .bind("searchText", rendered.searchText());
    }

    /** A packet with its stored document and search text. */
    private record Rendered(Packet packet, String body, String searchText) {
        static Rendered of(Packet packet) {
            return new Rendered(packet, PacketDocument.write(packet), PacketDocument.searchText(packet));
        }
    }

    /** The packet's tags in one statement, whatever their number (a batch is a statement per row on SQLite). */
    private void insertTags(Handle h, Packet packet) {
        if (packet.tags().isEmpty()) {
            return;
        }
        // "WHERE true": SQLite cannot tell an upsert's ON CONFLICT from a join's ON after a bare FROM
        h.createUpdate("INSERT INTO packet_tags (packet_id, tenant_id, tag) SELECT :packet, :tenant, value FROM "
                        + dialect.jsonStrings(":tags") + " WHERE true ON CONFLICT (packet_id, tag) DO NOTHING")
                .bind("packet", packet.id().value())
                .bind("tenant", packet.tenant().value())
                .bind("tags", JsonColumns.write(packet.tags()))
                .execute();
    }

    @Override
    public Optional<Packet> lockNextClaimable(TenantId tenant, String targetAgentId, Set<String> tags) {
        Where where = new Where().and("p.tenant_id = :tenant").and("p.status = 'created'");
        if (targetAgentId != null) {
            where.and("p.target_agent_id = " + where.param(targetAgentId));
        }
        requireTags(where, tags);
        return db.read(h -> where.bind(h.createQuery(SELECT + where.sql() + CLAIM_ORDER + " LIMIT 1"
                        + dialect.forUpdateSkipLocked()))
                .bind("tenant", tenant.value())
                .mapTo(PacketRow.class)
                .findOne()
                .map(PacketDocument::read));
    }

    private static void requireTags(Where where, Set<String> tags) {
        for (String tag : tags) {
            where.and("EXISTS (SELECT 1 FROM packet_tags t WHERE t.packet_id = p.id AND t.tag = "
                    + where.param(tag) + ")");
        }
    }

    @Override
    public PacketPage list(TenantId tenant, PacketQuery query) {
        Where filters = filters(tenant, query);
        long total = countedByColumns(query) ? countFromCounters(tenant, query)
                : db.read(h -> filters.bind(h.createQuery("SELECT count(*) FROM packets p" + filters.sql()))
                        .mapTo(Long.class)
                        .one());
        String direction = query.oldestFirst() ? "" : " DESC";
        PacketCursor cursor = query.cursor();
        if (cursor != null) {
            String after = query.oldestFirst() ? " > " : " < ";
            String at = filters.param(Micros.of(cursor.createdAt()));
            filters.and("(p.created_at" + after + at + " OR (p.created_at = " + at + " AND p.id" + after
                    + filters.param(cursor.id().value()) + "))");
        }
        int offset = cursor == null ? query.offset() : 0;
        List<Packet> rows = db.read(h -> filters.bind(h.createQuery(SELECT + filters.sql()
                        + " ORDER BY p.created_at" + direction + ", p.id" + direction
                        + " LIMIT :limit OFFSET :offset"))
                .bind("limit", query.limit() + 1)
                .bind("offset", offset)
                .mapTo(PacketRow.class)
                .map(PacketDocument::read)
                .list());
        return page(rows, query.limit(), total);
    }

    /** Whether {@code query} filters by nothing but status, priority and HITL flag, which packet_counts keeps. */
    private static boolean countedByColumns(PacketQuery query) {
        return query.sourceAgent() == null && query.targetAgent() == null && query.tags().isEmpty()
                && query.createdAfter() == null && query.createdBefore() == null;
    }

    /**
     * The list's total from {@code packet_counts} (migration V6): a sum over at most a few hundred rows of the
     * tenant, however many packets it stores.
     */
    private long countFromCounters(TenantId tenant, PacketQuery query) {
        Where where = new Where();
        where.and("tenant_id = " + where.param(tenant.value()));
        columnFilters(where, "", query.statuses(), query.priority(), query.hitlRequired());
        return db.read(h -> where.bind(h.createQuery("SELECT CAST(coalesce(sum(packets), 0) AS BIGINT) "
                        + "FROM packet_counts" + where.sql()))
                .mapTo(Long.class)
                .one());
    }

    /** Any of {@code statuses}, and {@code priority} and the HITL flag when given, on columns {@code prefix*}. */
    private static void columnFilters(Where where, String prefix, Set<PacketStatus> statuses, Priority priority,
                                      Boolean hitlRequired) {
        if (!statuses.isEmpty()) {
            where.in(prefix + "status", statuses.stream().map(PacketStatus::wireName).toList());
        }
        if (priority != null) {
            where.and(prefix + "priority_rank = " + where.param(priority.rank()));
        }
        if (hitlRequired != null) {
            where.and(prefix + "hitl_required = " + where.param(hitlRequired));
        }
    }

    private static PacketPage page(List<Packet> rows, int limit, long total) {
        if (rows.size() <= limit) {
            return new PacketPage(rows, total, null);
        }
        List<Packet> packets = rows.subList(0, limit);
        return new PacketPage(packets, total, PacketCursor.after(packets.get(limit - 1)));
    }

    private static Where filters(TenantId tenant, PacketQuery query) {
        Where where = new Where();
        where.and("p.tenant_id = " + where.param(tenant.value()));
        columnFilters(where, "p.", query.statuses(), query.priority(), query.hitlRequired());
        if (query.sourceAgent() != null) {
            where.and("p.source_agent_id = " + where.param(query.sourceAgent()));
        }
        if (query.targetAgent() != null) {
            where.and("p.target_agent_id = " + where.param(query.targetAgent()));
        }
        requireTags(where, query.tags());
        if (query.createdAfter() != null) {
            where.and("p.created_at >= " + where.param(Micros.of(query.createdAfter())));
        }
        if (query.createdBefore() != null) {
            where.and("p.created_at <= " + where.param(Micros.of(query.createdBefore())));
        }
        return where;
    }

    @Override
    public PacketPage search(TenantId tenant, SearchQuery query) {
        String text = dialect.fullTextQuery(query.words());
        if (text == null) {
            return new PacketPage(List.of(), 0, null);
        }
        SqlDialect.FullText fullText = dialect.fullText();
        Where where = new Where().and(fullText.match());
        where.and(fullText.tenant() + " = " + where.param(tenant.value()));
        columnFilters(where, "p.", query.statuses(), query.priority(), null);
        long total = db.read(h -> where.bind(h.createQuery("SELECT count(*) FROM " + fullText.from() + where.sql()))
                .bind("q", text)
                .bind("search_tenant", tenant.value())
                .mapTo(Long.class)
                .one());
        // rank on the narrow columns first, then read the documents of the page only: ordering every match with
        // its document made a common word cost seconds per 100,000 matches
        List<Packet> packets = db.read(h -> where.bind(h.createQuery("SELECT " + PacketRow.COLUMNS
                        + " FROM (SELECT " + fullText.key() + " AS ranked_key, " + fullText.rank() + " AS relevance, "
                        + "p.created_at AS ranked_created_at, p.id AS ranked_id FROM " + fullText.from() + where.sql()
                        + " ORDER BY relevance DESC, p.created_at DESC, p.id DESC LIMIT :limit OFFSET :offset) r "
                        + "JOIN packets p ON " + fullText.key() + " = r.ranked_key "
                        + "ORDER BY r.relevance DESC, r.ranked_created_at DESC, r.ranked_id DESC"))
                .bind("q", text)
                .bind("search_tenant", tenant.value())
                .bind("limit", query.limit())
                .bind("offset", query.offset())
                .mapTo(PacketRow.class)
                .map(PacketDocument::read)
                .list());
        return new PacketPage(packets, total, null);
    }

    /**
     * One statement: the asked agents' counts by primary key (summed over their stripes on PostgreSQL), plus the
     * tenant's distinct agents (an index-only range over the primary key, bounded by the tenant's active agents,
     * which max_agents keeps small, times the 16 stripes on PostgreSQL).
     */
    @Override
    public ActiveAgents activeAgents(TenantId tenant, Collection<String> agentIds) {
        List<String> ids = agentIds.stream().filter(Objects::nonNull).distinct().toList();
        Where asked = new Where().and("tenant_id = :tenant");
        String rows = ids.isEmpty() ? "" : "SELECT agent_id, CAST(sum(active_packets) AS BIGINT) FROM tenant_agents"
                + asked.in("agent_id", ids).sql() + " GROUP BY agent_id UNION ALL ";
        List<AgentRow> found = db.read(h -> asked.bind(h.createQuery(rows
                        + "SELECT NULL, count(DISTINCT agent_id) FROM tenant_agents WHERE tenant_id = :tenant"))
                .bind("tenant", tenant.value())
                .map((rs, ctx) -> new AgentRow(rs.getString(1), rs.getLong(2)))
                .list());
        long count = 0;
        Map<String, Long> named = new HashMap<>();
        for (AgentRow row : found) {
            if (row.agentId() == null) {
                count = row.activePackets();
            } else {
                named.put(row.agentId(), row.activePackets());
            }
        }
        return new ActiveAgents(count, named);
    }

    /** A {@code tenant_agents} row; a null agent id carries the tenant's count of rows. */
    private record AgentRow(String agentId, long activePackets) {
    }

    @Override
    public List<Packet> findExpirable(Instant ttlCutoff, Instant now, int limit) {
        Where where = new Where().in("p.status", ACTIVE);
        where.and("((p.status <> 'awaiting_human' OR p.hitl_timeout_seconds IS NULL) AND p.status_changed_at < "
                + where.param(Micros.of(ttlCutoff)) + " OR p.status = 'awaiting_human' "
                + "AND p.hitl_timeout_seconds IS NOT NULL "
                + "AND p.status_changed_at + CAST(p.hitl_timeout_seconds AS BIGINT) * 1000000 <= "
                + where.param(Micros.of(now)) + ")");
        return db.read(h -> where.bind(h.createQuery(SELECT + where.sql()
                        + " ORDER BY p.status_changed_at, p.id LIMIT :limit"))
                .bind("limit", limit)
                .mapTo(PacketRow.class)
                .map(PacketDocument::read)
                .list());
    }

    @Override
    public List<Packet> findLeaseExpired(Instant now, int limit) {
        return db.read(h -> h.createQuery(SELECT + " WHERE p.lease_expires_at IS NOT NULL "
                        + "AND p.lease_expires_at <= :now AND p.status IN ('claimed', 'in_progress') "
                        + "ORDER BY p.lease_expires_at, p.id LIMIT :limit")
                .bind("now", Micros.of(now))
                .bind("limit", limit)
                .mapTo(PacketRow.class)
                .map(PacketDocument::read)
                .list());
    }

    @Override
    public int purgeTerminal(TenantId tenant, Instant updatedBefore) {
        Where doomed = new Where().and("tenant_id = :tenant").in("status", TERMINAL)
                .and("updated_at < :before");
        String ids = "SELECT id FROM packets" + doomed.sql();
        return db.write(h -> {
            for (String table : List.of("audit_log", "deliveries", "packet_tags")) {
                doomed.bind(h.createUpdate("DELETE FROM " + table + " WHERE packet_id IN (" + ids + ")"))
                        .bind("tenant", tenant.value())
                        .bind("before", Micros.of(updatedBefore))
                        .execute();
            }
            return doomed.bind(h.createUpdate("DELETE FROM packets" + doomed.sql()))
                    .bind("tenant", tenant.value())
                    .bind("before", Micros.of(updatedBefore))
                    .execute();
        });
    }

    private static List<String> statuses(java.util.function.Predicate<PacketStatus> which) {
        return Arrays.stream(PacketStatus.values()).filter(which).map(PacketStatus::wireName).toList();
    }
}
