package dev.handoffrail.persistence.sql;

import org.jdbi.v3.core.mapper.RowMapper;

/**
 * What a packet is read from: the representation document plus the columns it does not show. Read by {@link
 * #MAPPER} from the columns of {@link #COLUMNS}, in their order (every packet read goes through it: no reflection).
 */
record PacketRow(String tenantId, long revision, int chainDepth, long statusChangedAt, String body) {
    static final String COLUMNS = "p.tenant_id, p.revision, p.chain_depth, p.status_changed_at, p.body";
    static final RowMapper<PacketRow> MAPPER = (row, context) -> new PacketRow(row.getString(1), row.getLong(2),
            row.getInt(3), row.getLong(4), row.getString(5));
}
