package dev.handoffrail.core.packet;

/** What asks for a status change; the transition table says which triggers may cause which transition. */
public enum Trigger {
    /** {@code PATCH /packets/{id}} with a {@code status}. */
    PATCH,
    /** Claim, batch claim and claim-next. */
    CLAIM,
    /** Answering a HITL checkpoint. */
    RESPOND,
    /** Soft delete. */
    DELETE,
    /** Batch complete. */
    BATCH_COMPLETE,
    /** The sweeper: last status change older than the TTL. */
    TTL,
    /** The sweeper: checkpoint timeout elapsed. */
    HITL_TIMEOUT,
    /** The sweeper: a claim lease ran out (back to created, or failed after too many releases). */
    LEASE_EXPIRED
}
