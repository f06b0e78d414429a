package dev.handoffrail.http.system;

import dev.handoffrail.core.tenant.TenantId;

/** Open real-time connections of a tenant on this instance, by transport ({@code ws} or {@code sse}). */
@FunctionalInterface
public interface RealtimeConnections {
    /** No real-time endpoint is served, so no connection is ever open. */
    RealtimeConnections NONE = (tenant, transport) -> 0;

    long open(TenantId tenant, String transport);
}
