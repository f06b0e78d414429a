package dev.handoffrail.core.auth;

/**
 * Every protected operation with the minimum role of the permission matrix (http-api.md §3.4), and whether it
 * always needs a platform admin. Adapters check it before reading a request body, services check it again.
 */
public enum Operation {
    READ_PACKETS(Role.READER, false),
    CLAIM_PACKET(Role.AGENT, false),
    RESPOND_TO_CHECKPOINT(Role.AGENT, false),
    UPDATE_PACKET(Role.AGENT, false),
    COMPLETE_PACKETS(Role.AGENT, false),
    CREATE_PACKET(Role.WRITER, false),
    DELETE_PACKET(Role.WRITER, false),
    READ_SCHEMAS(Role.READER, false),
    REGISTER_SCHEMA(Role.WRITER, false),
    MANAGE_WEBHOOKS(Role.WRITER, false),
    RETRY_ALL_DELIVERIES(Role.ADMIN, false),
    READ_AUDIT(Role.READER, false),
    EXPORT_AUDIT(Role.ADMIN, false),
    READ_STATS(Role.READER, false),
    MANAGE_KEYS(Role.ADMIN, false),
    MANAGE_TENANTS(Role.ADMIN, true),
    READ_SYSTEM_HEALTH(Role.ADMIN, true),
    SUBSCRIBE_EVENTS(Role.READER, false);

    private final Role minimumRole;
    private final boolean platformAdminOnly;

    Operation(Role minimumRole, boolean platformAdminOnly) {
        this.minimumRole = minimumRole;
        this.platformAdminOnly = platformAdminOnly;
    }

    public Role minimumRole() {
        return minimumRole;
    }

    public boolean platformAdminOnly() {
        return platformAdminOnly;
    }
}
