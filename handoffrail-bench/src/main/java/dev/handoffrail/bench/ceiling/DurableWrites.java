package dev.handoffrail.bench.ceiling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * The durable writes one create needs, as plain JDBC statements prepared on one connection: the tenant's
 * active-agent counts read by key, the packet row (with the product's secondary indexes and full-text index), its
 * tag rows, an audit row and the daily counter. The tables mirror the product's (migrations V1, V2 and V5 of
 * {@code handoffrail-persistence}) under {@code ceiling_*} names; no business rule is applied. Not thread-safe: one
 * instance per connection.
 */
final class DurableWrites implements AutoCloseable {

    /** The two databases, with the tables each needs. */
    enum Dialect {
        SQLITE(List.of(
                "CREATE TABLE IF NOT EXISTS ceiling_tenant_agents (tenant_id TEXT NOT NULL, agent_id TEXT NOT NULL, "
                        + "active_packets INTEGER NOT NULL, PRIMARY KEY (tenant_id, agent_id)) WITHOUT ROWID",
                "CREATE TABLE IF NOT EXISTS ceiling_daily (tenant_id TEXT NOT NULL, day TEXT NOT NULL, "
                        + "stripe INTEGER NOT NULL, used INTEGER NOT NULL, PRIMARY KEY (tenant_id, day, stripe)) "
                        + "WITHOUT ROWID",
                // seq: an explicit rowid the full-text index refers to, as in the product
                "CREATE TABLE IF NOT EXISTS ceiling_full_packets (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
                        + "tenant_id TEXT NOT NULL, revision INTEGER NOT NULL, status TEXT NOT NULL, "
                        + "source_agent_id TEXT NOT NULL, target_agent_id TEXT NOT NULL, "
                        + "priority_rank INTEGER NOT NULL, hitl_required INTEGER NOT NULL, "
                        + "hitl_timeout_seconds INTEGER, parent_id TEXT, chain_depth INTEGER NOT NULL, "
                        + "created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, "
                        + "status_changed_at INTEGER NOT NULL, claimed_at INTEGER, completed_at INTEGER, "
                        + "body TEXT NOT NULL, search_text TEXT NOT NULL, lease_expires_at INTEGER)",
                "CREATE VIRTUAL TABLE IF NOT EXISTS ceiling_full_packets_fts USING fts5(search_text, "
                        + "content = 'ceiling_full_packets', content_rowid = 'seq', "
                        + "tokenize = 'porter unicode61 remove_diacritics 2')",
                "CREATE TRIGGER IF NOT EXISTS ceiling_full_packets_fts_insert AFTER INSERT ON ceiling_full_packets "
                        + "BEGIN INSERT INTO ceiling_full_packets_fts (rowid, search_text) "
                        + "VALUES (new.seq, new.search_text); END",
                "CREATE TABLE IF NOT EXISTS ceiling_full_packet_tags (packet_id TEXT NOT NULL, "
                        + "tenant_id TEXT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (packet_id, tag)) WITHOUT ROWID",
                "CREATE TABLE IF NOT EXISTS ceiling_audit_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                        + "id TEXT NOT NULL UNIQUE, tenant_id TEXT NOT NULL, resource TEXT NOT NULL, "
                        + "resource_id TEXT NOT NULL, packet_id TEXT, action TEXT NOT NULL, actor TEXT NOT NULL, "
                        + "details TEXT NOT NULL, occurred_at INTEGER NOT NULL, api_key_id TEXT)"),
                // no row lock: the writer's BEGIN IMMEDIATE holds the database's one write lock already
                "?", ""),
        POSTGRESQL(List.of(
                "CREATE TABLE IF NOT EXISTS ceiling_tenant_agents (tenant_id TEXT NOT NULL, agent_id TEXT NOT NULL, "
                        + "active_packets BIGINT NOT NULL, PRIMARY KEY (tenant_id, agent_id))",
                "CREATE TABLE IF NOT EXISTS ceiling_daily (tenant_id TEXT NOT NULL, day TEXT NOT NULL, "
                        + "stripe SMALLINT NOT NULL, used BIGINT NOT NULL, PRIMARY KEY (tenant_id, day, stripe))",
                "CREATE TABLE IF NOT EXISTS ceiling_full_packets (id UUID PRIMARY KEY, tenant_id TEXT NOT NULL, "
                        + "revision BIGINT NOT NULL, status TEXT NOT NULL, source_agent_id TEXT NOT NULL, "
                        + "target_agent_id TEXT NOT NULL, priority_rank SMALLINT NOT NULL, "
                        + "hitl_required BOOLEAN NOT NULL, hitl_timeout_seconds INTEGER, parent_id UUID, "
                        + "chain_depth INTEGER NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, "
                        + "status_changed_at BIGINT NOT NULL, claimed_at BIGINT, completed_at BIGINT, "
                        + "body JSON NOT NULL, search_text TEXT NOT NULL, search_vector TSVECTOR GENERATED ALWAYS "
                        + "AS (to_tsvector('english', search_text)) STORED, lease_expires_at BIGINT)",
                "CREATE INDEX IF NOT EXISTS ceiling_full_packets_search ON ceiling_full_packets "
                        + "USING GIN (search_vector)",
                "CREATE TABLE IF NOT EXISTS ceiling_full_packet_tags (packet_id UUID NOT NULL, "
                        + "tenant_id TEXT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (packet_id, tag))",
                "CREATE TABLE IF NOT EXISTS ceiling_audit_log (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                        + "id UUID NOT NULL UNIQUE, tenant_id TEXT NOT NULL, resource TEXT NOT NULL, "
                        + "resource_id TEXT NOT NULL, packet_id UUID, action TEXT NOT NULL, actor TEXT NOT NULL, "
                        + "details JSON NOT NULL, occurred_at BIGINT NOT NULL, api_key_id UUID)"),
                "CAST(? AS json)", " FOR UPDATE");

        /** The secondary indexes both databases share: the product's on packets, tags and audit log. */
        private static final List<String> INDEXES = List.of(
                "CREATE INDEX IF NOT EXISTS ceiling_full_packets_list ON ceiling_full_packets "
                        + "(tenant_id, created_at DESC, id DESC)",
                "CREATE INDEX IF NOT EXISTS ceiling_full_packets_status ON ceiling_full_packets (tenant_id, status)",
                "CREATE INDEX IF NOT EXISTS ceiling_full_packets_claimable_target ON ceiling_full_packets "
                        + "(tenant_id, target_agent_id, priority_rank DESC, created_at, id) WHERE status = 'created'",
                "CREATE INDEX IF NOT EXISTS ceiling_full_packets_claimable ON ceiling_full_packets "
                        + "(tenant_id, priority_rank DESC, created_at, id) WHERE status = 'created'",
                "CREATE INDEX IF NOT EXISTS ceiling_full_packets_expirable ON ceiling_full_packets "
                        + "(status_changed_at) WHERE status IN ('created', 'claimed', 'in_progress', 'awaiting_human')",
                "CREATE INDEX IF NOT EXISTS ceiling_full_packets_terminal ON ceiling_full_packets "
                        + "(tenant_id, updated_at) WHERE status IN ('completed', 'failed', 'expired')",
                "CREATE INDEX IF NOT EXISTS ceiling_full_packets_lease_expiry ON ceiling_full_packets "
                        + "(lease_expires_at) WHERE lease_expires_at IS NOT NULL",
                "CREATE INDEX IF NOT EXISTS ceiling_full_packet_tags_tag ON ceiling_full_packet_tags "
                        + "(tenant_id, tag, packet_id)",
                "CREATE INDEX IF NOT EXISTS ceiling_audit_log_packet ON ceiling_audit_log "
                        + "(tenant_id, packet_id, seq) WHERE packet_id IS NOT NULL",
                "CREATE INDEX IF NOT EXISTS ceiling_audit_log_time ON ceiling_audit_log "
                        + "(tenant_id, occurred_at DESC, seq DESC)");

        private final List<String> tables;
        /** A parameter holding a JSON value: plain on SQLite, cast to {@code json} on PostgreSQL. */
        final String jsonParameter;
        /** What a read of a row about to be changed ends with: the row lock where the database has one. */
        final String forUpdate;

        Dialect(List<String> tables, String jsonParameter, String forUpdate) {
            this.tables = tables;
            this.jsonParameter = jsonParameter;
            this.forUpdate = forUpdate;
        }

        /** An audit row of a packet: id, tenant, resource id, packet id, action, actor, details, time. */
        String auditInsert() {
            return "INSERT INTO ceiling_audit_log (id, tenant_id, resource, resource_id, packet_id, action, actor, "
                    + "details, occurred_at, api_key_id) VALUES (?, ?, 'packet', ?, ?, ?, ?, " + jsonParameter
                    + ", ?, NULL)";
        }

        /** Ids are canonical UUID text on SQLite and the UUID type on PostgreSQL, as in the product. */
        void setId(PreparedStatement statement, int index, UUID id) throws SQLException {
            if (this == POSTGRESQL) {
                statement.setObject(index, id);
            } else {
                statement.setString(index, id.toString());
            }
        }

        /** Creates the tables, indexes and (SQLite) full-text trigger if they are not there yet. */
        void createTables(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                for (String sql : tables) {
                    statement.execute(sql);
                }
                for (String sql : INDEXES) {
                    statement.execute(sql);
                }
            }
        }
    }

    /** Daily counter rows per tenant and day, as the product stripes {@code tenant_agents} (V3). */
    static final int DAILY_STRIPES = 16;
    private static final String AUDIT_DETAILS = "{\"status\":\"" + DurablePacket.STATUS + "\"}";

    private final Dialect dialect;
    private final PreparedStatement agents;
    private final PreparedStatement packet;
    private final PreparedStatement tags;
    private final PreparedStatement audit;
    private final PreparedStatement daily;

    DurableWrites(Connection connection, Dialect dialect) throws SQLException {
        this.dialect = dialect;
        agents = connection.prepareStatement("SELECT agent_id, active_packets FROM ceiling_tenant_agents "
                + "WHERE tenant_id = ? AND agent_id IN (?, ?)");
        packet = connection.prepareStatement("INSERT INTO ceiling_full_packets (id, tenant_id, revision, status, "
                + "source_agent_id, target_agent_id, priority_rank, hitl_required, hitl_timeout_seconds, parent_id, "
                + "chain_depth, created_at, updated_at, status_changed_at, claimed_at, completed_at, body, "
                + "search_text) VALUES (?, ?, 1, ?, ?, ?, ?, ?, NULL, NULL, 0, ?, ?, ?, NULL, NULL, "
                + dialect.jsonParameter + ", ?)");
        tags = connection.prepareStatement("INSERT INTO ceiling_full_packet_tags (packet_id, tenant_id, tag) "
                + "VALUES (?, ?, ?) ON CONFLICT (packet_id, tag) DO NOTHING");
        audit = connection.prepareStatement(dialect.auditInsert());
        daily = connection.prepareStatement("INSERT INTO ceiling_daily (tenant_id, day, stripe, used) "
                + "VALUES (?, ?, ?, 1) ON CONFLICT (tenant_id, day, stripe) "
                + "DO UPDATE SET used = ceiling_daily.used + 1");
    }

    /**
     * The writes of one create, inside the transaction the caller opened and commits. The daily counter comes
     * last and in stripes: on PostgreSQL the lock of the counter row a create raises is held until commit, and
     * with one row per tenant and day every create of the tenant queued behind the previous one's commit (the
     * durable writes measured at half the throughput). The day's count is the sum of its stripes.
     */
    void write(DurablePacket p) throws SQLException {
        agents.setString(1, p.tenantId());
        agents.setString(2, p.sourceAgentId());
        agents.setString(3, p.targetAgentId());
        // read as the quota check reads them; the ceiling applies no rule to them
        try (ResultSet counts = agents.executeQuery()) {
            while (counts.next()) {
                counts.getLong(2);
            }
        }
        setId(packet, 1, p.id());
        packet.setString(2, p.tenantId());
        packet.setString(3, DurablePacket.STATUS);
        packet.setString(4, p.sourceAgentId());
        packet.setString(5, p.targetAgentId());
        packet.setInt(6, p.priorityRank());
        packet.setBoolean(7, false);
        packet.setLong(8, p.createdAtMicros());
        packet.setLong(9, p.createdAtMicros());
        packet.setLong(10, p.createdAtMicros());
        packet.setString(11, p.body());
        packet.setString(12, p.searchText());
        packet.executeUpdate();
        if (!p.tags().isEmpty()) {
            for (String tag : p.tags()) {
                setId(tags, 1, p.id());
                tags.setString(2, p.tenantId());
                tags.setString(3, tag);
                tags.addBatch();
            }
            tags.executeBatch();
        }
        setId(audit, 1, UUID.randomUUID());
        audit.setString(2, p.tenantId());
        audit.setString(3, p.id().toString());
        setId(audit, 4, p.id());
        audit.setString(5, DurablePacket.STATUS);
        audit.setString(6, "agent:" + p.sourceAgentId());
        audit.setString(7, AUDIT_DETAILS);
        audit.setLong(8, p.createdAtMicros());
        audit.executeUpdate();
        daily.setString(1, p.tenantId());
        daily.setString(2, p.day());
        daily.setInt(3, Math.floorMod(p.id().hashCode(), DAILY_STRIPES));
        daily.executeUpdate();
    }

    private void setId(PreparedStatement statement, int index, UUID id) throws SQLException {
        dialect.setId(statement, index, id);
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : List.of(agents, packet, tags, audit, daily)) {
            statement.close();
        }
    }
}
