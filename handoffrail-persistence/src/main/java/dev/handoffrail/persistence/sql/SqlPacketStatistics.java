package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.out.PacketStatistics;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * {@link PacketStatistics} on PostgreSQL or SQLite, computed by aggregate queries over {@code packets}. Each call
 * reads every packet in its scope, so callers cache the figures (gauges) or serve them on request only (stats,
 * health). Thread-safe.
 */
final class SqlPacketStatistics implements PacketStatistics {
    private final SqlTransactor db;
    private final SqlDialect dialect;

    SqlPacketStatistics(SqlTransactor db, SqlDialect dialect) {
        this.db = db;
        this.dialect = dialect;
    }

    @Override
    public Map<PacketStatus, Long> countByStatus(TenantId tenant) {
        Where where = new Where();
        if (tenant != null) {
            where.and("tenant_id = " + where.param(tenant.value()));
        }
        return db.read(h -> countByStatus(h, where));
    }

    private static Map<PacketStatus, Long> countByStatus(Handle h, Where where) {
        Map<PacketStatus, Long> counts = new EnumMap<>(PacketStatus.class);
        where.bind(h.createQuery("SELECT status, count(*) AS n FROM packets" + where.sql() + " GROUP BY status"))
                .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                .forEach(e -> counts.put(PacketStatus.fromWire(e.getKey()).orElseThrow(), e.getValue()));
        return counts;
    }

    @Override
    public PacketStats stats(TenantId tenant, Instant now) {
        return db.read(h -> {
            Where where = new Where();
            where.and("tenant_id = " + where.param(tenant.value()));
            Map<PacketStatus, Long> byStatus = countByStatus(h, where);
            long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
            long last24h = h.createQuery("SELECT count(*) FROM packets WHERE tenant_id = :tenant "
                            + "AND created_at >= :since")
                    .bind("tenant", tenant.value())
                    .bind("since", Micros.of(now.minus(Duration.ofHours(24))))
                    .mapTo(Long.class)
                    .one();
            Double avgClaimMicros = h.createQuery("SELECT avg(claimed_at - created_at) FROM packets "
                            + "WHERE tenant_id = :tenant AND claimed_at IS NOT NULL")
                    .bind("tenant", tenant.value())
                    .mapTo(Double.class)
                    .one();
            return new PacketStats(total, byStatus, last24h, avgClaimMicros == null ? null : avgClaimMicros / 1e6,
                    byStatus.getOrDefault(PacketStatus.AWAITING_HUMAN, 0L));
        });
    }

    @Override
    public SystemPacketStats systemStats(Instant now) {
        return db.read(h -> {
            Totals totals = h.createQuery("SELECT "
                            + "sum(CASE WHEN created_at >= :hourAgo THEN 1 ELSE 0 END) AS last_hour, "
                            + "sum(CASE WHEN created_at >= :dayAgo THEN 1 ELSE 0 END) AS last_day, "
                            + "avg(claimed_at - created_at) AS claim_micros, "
                            + "avg(completed_at - created_at) AS complete_micros, "
                            + "min(CASE WHEN status = 'created' THEN created_at END) AS oldest_waiting FROM packets")
                    .bind("hourAgo", Micros.of(now.minus(Duration.ofHours(1))))
                    .bind("dayAgo", Micros.of(now.minus(Duration.ofHours(24))))
                    .map((rs, ctx) -> new Totals(rs.getLong("last_hour"), rs.getLong("last_day"),
                            seconds(rs.getObject("claim_micros")), seconds(rs.getObject("complete_micros")),
                            oldestWaiting(rs.getLong("oldest_waiting"), rs.wasNull())))
                    .one();
            long seen = h.createQuery("SELECT count(*) FROM (SELECT tenant_id, source_agent_id FROM packets "
                            + "UNION SELECT tenant_id, target_agent_id FROM packets) pairs")
                    .mapTo(Long.class)
                    .one();
            // the union keeps one row per (packet, agent), so a packet addressed to its own source counts once
            List<SystemPacketStats.AgentCount> top = h.createQuery("SELECT agent_id, count(*) AS n FROM ("
                            + "SELECT id, source_agent_id AS agent_id FROM packets "
                            + "UNION SELECT id, target_agent_id FROM packets) ends "
                            + "GROUP BY agent_id ORDER BY n DESC, " + dialect.byteOrder("agent_id")
                            + " LIMIT " + SystemPacketStats.TOP_AGENTS)
                    .map((rs, ctx) -> new SystemPacketStats.AgentCount(rs.getString("agent_id"), rs.getLong("n")))
                    .list();
            return new SystemPacketStats(totals.lastHour(), totals.lastDay(), totals.avgClaim(),
                    totals.avgComplete(), totals.oldestWaiting(), seen, top);
        });
    }

    /** An average of microsecond differences (a number, or null over no rows) in seconds. */
    private static Double seconds(Object avgMicros) {
        return avgMicros == null ? null : ((Number) avgMicros).doubleValue() / 1e6;
    }

    private static Instant oldestWaiting(long micros, boolean none) {
        return none ? null : Micros.toInstant(micros);
    }

    /** The single-row part of {@link #systemStats}. */
    private record Totals(long lastHour, long lastDay, Double avgClaim, Double avgComplete, Instant oldestWaiting) {
    }
}
