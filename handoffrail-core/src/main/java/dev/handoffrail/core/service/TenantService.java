package dev.handoffrail.core.service;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.auth.Permissions;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.port.in.ManageTenantsUseCase;
import dev.handoffrail.core.port.out.AuditLog;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.port.out.Transactor;
import dev.handoffrail.core.tenant.QuotaRules;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.tenant.TierQuotas;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Tenant administration for platform admins (http-api.md §13). Tenant audit entries go to the acting platform
 * admin's tenant, since the tenant concerned may be deleted. Thread-safe.
 */
public final class TenantService implements ManageTenantsUseCase {
    /** The driven ports tenant administration uses. */
    public record Ports(Transactor transactor, TenantStore tenants, AuditLog audit, EventBus eventBus, Clock clock) {
        public Ports {
            requireNonNull(transactor, "transactor");
            requireNonNull(tenants, "tenants");
            requireNonNull(audit, "audit");
            requireNonNull(eventBus, "eventBus");
            requireNonNull(clock, "clock");
        }
    }

    private static final int MAX_NAME = 128;

    private final Ports ports;
    private final RailSettings settings;
    private final ResourceAudit audit;

    public TenantService(Ports ports, RailSettings settings) {
        this.ports = requireNonNull(ports, "ports");
        this.settings = requireNonNull(settings, "settings");
        this.audit = new ResourceAudit(ports.audit());
    }

    @Override
    public Tenant create(Caller caller, String name, Tier tier, TenantId id, Integer handoffsPerDay,
                         Integer maxApiKeys) {
        Permissions.require(caller, Operation.MANAGE_TENANTS);
        new InputCheck().text("name", name, MAX_NAME)
                .atLeast("handoffs_per_day", handoffsPerDay, 0)
                .atLeast("max_api_keys", maxApiKeys, 1)
                .orThrow();
        TenantId tenantId = id == null ? new TenantId(UUID.randomUUID().toString()) : id;
        return ports.transactor().inTransaction(() -> {
            requireFreeName(name, null);
            if (ports.tenants().find(tenantId).isPresent()) {
                throw Errors.conflict("Tenant id '" + tenantId + "' is already in use");
            }
            Instant now = now();
            Tenant tenant = new Tenant(tenantId, name, tier == null ? settings.defaultTier() : tier, handoffsPerDay,
                    maxApiKeys, now, now, null);
            ports.tenants().insert(tenant);
            audit.record(caller, caller.tenant(), AuditResource.TENANT, tenantId, "tenant.created",
                    describe(tenant), now);
            return tenant;
        });
    }

    @Override
    public List<Tenant> list(Caller caller) {
        Permissions.require(caller, Operation.MANAGE_TENANTS);
        return ports.tenants().listActive();
    }

    @Override
    public Tenant get(Caller caller, TenantId id) {
        Permissions.require(caller, Operation.MANAGE_TENANTS);
        return ActiveTenants.require(ports.tenants(), id);
    }

    @Override
    public Tenant update(Caller caller, TenantId id, TenantChanges changes) {
        Permissions.require(caller, Operation.MANAGE_TENANTS);
        InputCheck input = new InputCheck();
        if (changes.name() != null) {
            input.text("name", changes.name(), MAX_NAME);
        }
        input.atLeast("handoffs_per_day", changes.handoffsPerDay(), 0)
                .atLeast("max_api_keys", changes.maxApiKeys(), 1)
                .orThrow();
        return ports.transactor().inTransaction(() -> {
            Tenant old = ActiveTenants.require(ports.tenants(), id);
            if (changes.name() != null) {
                requireFreeName(changes.name(), id);
            }
            Tenant changed = new Tenant(id, changes.name() == null ? old.name() : changes.name(),
                    changes.tier() == null ? old.tier() : changes.tier(),
                    override(old.handoffsPerDayOverride(), changes.handoffsPerDay(), changes.resetHandoffsPerDay()),
                    override(old.maxApiKeysOverride(), changes.maxApiKeys(), changes.resetMaxApiKeys()),
                    old.createdAt(), now(), null);
            ports.tenants().update(changed);
            audit.record(caller, caller.tenant(), AuditResource.TENANT, id, "tenant.updated",
                    Map.of("fields_changed", changedFields(old, changed)), changed.updatedAt());
            return changed;
        });
    }

    @Override
    public void delete(Caller caller, TenantId id) {
        Permissions.require(caller, Operation.MANAGE_TENANTS);
        ports.transactor().run(() -> {
            Tenant tenant = ActiveTenants.require(ports.tenants(), id);
            if (id.equals(TenantId.DEFAULT)) {
                throw Errors.conflict("Tenant default cannot be deleted");
            }
            Tenant deleted = tenant.withDeletedAt(now());
            ports.tenants().update(deleted);
            audit.record(caller, caller.tenant(), AuditResource.TENANT, id, "tenant.deleted", Map.of(),
                    deleted.deletedAt());
        });
        ports.eventBus().publish(new EventBus.TenantDeleted(id));
    }

    @Override
    public EffectiveLimits effectiveLimits(Tenant tenant) {
        TierQuotas quotas = settings.tiers().quotasFor(tenant.tier());
        return new EffectiveLimits(QuotaRules.effectiveHandoffsPerDay(tenant, quotas),
                QuotaRules.effectiveMaxApiKeys(tenant, quotas));
    }

    private void requireFreeName(String name, TenantId except) {
        if (ports.tenants().activeNameTaken(name, except)) {
            throw Errors.conflict("Tenant '" + name + "' already exists");
        }
    }

    private static Integer override(Integer current, Integer requested, boolean reset) {
        if (reset) {
            return null;
        }
        return requested == null ? current : requested;
    }

    private static List<String> changedFields(Tenant old, Tenant changed) {
        List<String> fields = new ArrayList<>();
        if (!old.name().equals(changed.name())) {
            fields.add("name");
        }
        if (old.tier() != changed.tier()) {
            fields.add("tier");
        }
        if (!Objects.equals(old.handoffsPerDayOverride(), changed.handoffsPerDayOverride())) {
            fields.add("handoffs_per_day");
        }
        if (!Objects.equals(old.maxApiKeysOverride(), changed.maxApiKeysOverride())) {
            fields.add("max_api_keys");
        }
        return fields;
    }

    private static Map<String, Object> describe(Tenant tenant) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", tenant.name());
        details.put("tier", tenant.tier().wireName());
        return details;
    }

    private Instant now() {
        return Timestamps.micros(ports.clock().instant());
    }
}
