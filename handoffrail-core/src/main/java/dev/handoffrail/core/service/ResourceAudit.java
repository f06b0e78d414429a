package dev.handoffrail.core.service;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.packet.Uuids;
import dev.handoffrail.core.port.out.AuditLog;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes the non-packet audit entries of http-api.md §14 (keys, webhooks, tenants, schemas) into the ambient
 * transaction, so an entry exists exactly when the change it records does.
 */
final class ResourceAudit {
    private final AuditLog log;

    ResourceAudit(AuditLog log) {
        this.log = log;
    }

    /** An entry by {@code caller} ({@code key:<prefix>}, or {@code system:api} without a key). */
    void record(Caller caller, TenantId tenant, AuditResource resource, Object resourceId, String action,
                Map<String, Object> details, Instant at) {
        record(caller.auditActor(), caller.keyId(), tenant, resource, resourceId, action, details, at);
    }

    /** An entry by a system task ({@code system:<task>}), or by any named actor. */
    void record(String actor, ApiKeyId keyId, TenantId tenant, AuditResource resource, Object resourceId,
                String action, Map<String, Object> details, Instant at) {
        log.append(List.of(new AuditEntry(Uuids.timeOrdered(), tenant, resource, resourceId.toString(), null, action,
                actor, details, at, keyId)));
    }
}
