package dev.handoffrail.core.service;

/** The history vocabulary of http-api.md §9.14: event types that are not statuses, and the actors. */
final class History {
    static final String CREATED = "created";
    static final String CHAINED = "chained";
    static final String UPDATED = "updated";
    static final String HITL_RESPONDED = "hitl_responded";
    static final String LEASE_EXPIRED = "lease_expired";

    static final String SOFT_DELETE = "system:soft_delete";
    static final String BATCH_COMPLETE = "system:batch_complete";
    static final String EXPIRY_TASK = "system:expiry_task";

    private History() {
    }

    static String agent(String agentId) {
        return "agent:" + agentId;
    }

    static String human(String respondedBy) {
        return "human:" + respondedBy;
    }
}
