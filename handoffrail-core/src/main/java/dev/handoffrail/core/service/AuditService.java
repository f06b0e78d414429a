package dev.handoffrail.core.service;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditPage;
import dev.handoffrail.core.audit.AuditQuery;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.auth.Permissions;
import dev.handoffrail.core.port.in.QueryAuditUseCase;
import dev.handoffrail.core.port.out.AuditLog;
import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.tenant.QuotaRules;
import dev.handoffrail.core.tenant.Tenant;
import java.util.function.Consumer;

/**
 * The caller's tenant's audit trail (http-api.md §14). The caller passes the resource filter already defaulted
 * (the HTTP list defaults to {@code packet}). Export needs an admin and a tier with {@code audit_export}.
 * Thread-safe.
 */
public final class AuditService implements QueryAuditUseCase {
    private final AuditLog audit;
    private final TenantStore tenants;
    private final RailSettings settings;

    public AuditService(AuditLog audit, TenantStore tenants, RailSettings settings) {
        this.audit = requireNonNull(audit, "audit");
        this.tenants = requireNonNull(tenants, "tenants");
        this.settings = requireNonNull(settings, "settings");
    }

    @Override
    public AuditPage query(Caller caller, AuditQuery query) {
        Permissions.require(caller, Operation.READ_AUDIT);
        return audit.query(caller.tenant(), query);
    }

    @Override
    public void export(Caller caller, AuditQuery query, Consumer<AuditEntry> sink) {
        Permissions.require(caller, Operation.EXPORT_AUDIT);
        Tenant tenant = ActiveTenants.require(tenants, caller.tenant());
        QuotaRules.auditExport(settings.tiers().quotasFor(tenant.tier()), tenant.tier()).orThrow();
        audit.export(caller.tenant(), query, sink);
    }
}
