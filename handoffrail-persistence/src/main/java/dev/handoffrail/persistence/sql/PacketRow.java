package dev.handoffrail.persistence.sql;

/** One row of {@code packets} (without the search columns), mapped by Jdbi's constructor mapper. */
record PacketRow(String id, String tenantId, long revision, String status, int priorityRank, String parentId,
                 int chainDepth, long createdAt, long updatedAt, long statusChangedAt, Long claimedAt,
                 Long completedAt, String body) {
    static final String COLUMNS = "p.id, p.tenant_id, p.revision, p.status, p.priority_rank, p.parent_id, "
            + "p.chain_depth, p.created_at, p.updated_at, p.status_changed_at, p.claimed_at, p.completed_at, p.body";
}
