package dev.handoffrail.persistence.sql;

/**
 * What a packet is read from: the representation document plus the columns it does not show. Mapped by Jdbi's
 * constructor mapper.
 */
record PacketRow(String tenantId, long revision, int chainDepth, long statusChangedAt, String body) {
    static final String COLUMNS = "p.tenant_id, p.revision, p.chain_depth, p.status_changed_at, p.body";
}
