package dev.handoffrail.core.port.in;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditPage;
import dev.handoffrail.core.audit.AuditQuery;
import dev.handoffrail.core.auth.Caller;
import java.util.function.Consumer;

/** The audit trail (http-api.md §14). */
public interface QueryAuditUseCase {
    AuditPage query(Caller caller, AuditQuery query);

    /** Admin, and only for tiers with {@code audit_export}: every matching entry, oldest first. */
    void export(Caller caller, AuditQuery query, Consumer<AuditEntry> sink);
}
