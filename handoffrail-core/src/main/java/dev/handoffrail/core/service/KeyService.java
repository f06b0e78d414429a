package dev.handoffrail.core.service;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.RailObserver;
import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.auth.ApiKey;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.ApiKeySecrets;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.IssuedApiKey;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.auth.Permissions;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.port.in.ManageKeysUseCase;
import dev.handoffrail.core.port.out.ApiKeyStore;
import dev.handoffrail.core.port.out.AuditLog;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.port.out.Transactor;
import dev.handoffrail.core.tenant.QuotaRules;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API key administration (http-api.md §12, §13.6) and the start-up bootstrap (§2.3). Key audit entries go to the
 * key's tenant. Thread-safe.
 */
public final class KeyService implements ManageKeysUseCase {
    /** The driven ports key administration uses. */
    public record Ports(Transactor transactor, ApiKeyStore keys, TenantStore tenants, AuditLog audit, EventBus eventBus,
                        Clock clock) {
        public Ports {
            requireNonNull(transactor, "transactor");
            requireNonNull(keys, "keys");
            requireNonNull(tenants, "tenants");
            requireNonNull(audit, "audit");
            requireNonNull(eventBus, "eventBus");
            requireNonNull(clock, "clock");
        }
    }

    static final String BOOTSTRAP_NAME = "bootstrap";
    static final String DEFAULT_TENANT_NAME = "Default Tenant";
    static final String ROTATED_SUFFIX = " (rotated)";
    private static final int MAX_NAME = 128;

    private final Ports ports;
    private final RailSettings settings;
    private final RailObserver observer;
    private final ResourceAudit audit;
    private final SecureRandom random = new SecureRandom();

    public KeyService(Ports ports, RailSettings settings, RailObserver observer) {
        this.ports = requireNonNull(ports, "ports");
        this.settings = requireNonNull(settings, "settings");
        this.observer = requireNonNull(observer, "observer");
        this.audit = new ResourceAudit(ports.audit());
    }

    @Override
    public IssuedApiKey create(Caller caller, String name, Role role, TenantId tenant, boolean platformAdmin) {
        Permissions.require(caller, Operation.MANAGE_KEYS);
        TenantId target = tenant == null ? caller.tenant() : tenant;
        if ((!target.equals(caller.tenant()) || platformAdmin) && !caller.platformAdmin()) {
            throw Errors.platformAdminRequired();
        }
        Role granted = role == null ? Role.READER : role;
        InputCheck input = new InputCheck().text("name", name, MAX_NAME);
        if (platformAdmin && granted != Role.ADMIN) {
            input.fail("platform_admin", "requires role admin");
        }
        input.orThrow();
        IssuedApiKey issued = ports.transactor().inTransaction(() -> {
            Tenant owner = ActiveTenants.require(ports.tenants(), target);
            long limit = QuotaRules.effectiveMaxApiKeys(owner, settings.tiers().quotasFor(owner.tier()));
            QuotaRules.apiKeys(ports.keys().countActive(target), limit, owner.tier()).orThrow();
            IssuedApiKey key = issue(target, name, granted, platformAdmin);
            audit.record(caller, target, AuditResource.API_KEY, key.key().id(), "api_key.created",
                    keyDetails(key.key()), key.key().createdAt());
            return key;
        });
        observer.apiKeyOperation("created");
        return issued;
    }

    @Override
    public List<ApiKey> list(Caller caller) {
        Permissions.require(caller, Operation.MANAGE_KEYS);
        return ports.keys().listByTenant(caller.tenant());
    }

    @Override
    public List<ApiKey> listForTenant(Caller caller, TenantId tenant) {
        Permissions.require(caller, Operation.MANAGE_TENANTS);
        ActiveTenants.require(ports.tenants(), tenant);
        return ports.keys().listByTenant(tenant);
    }

    @Override
    public void revoke(Caller caller, ApiKeyId id) {
        Permissions.require(caller, Operation.MANAGE_KEYS);
        ApiKey revoked = ports.transactor().inTransaction(() -> {
            ApiKey key = visibleKey(caller, id);
            if (key.revoked()) {
                throw alreadyRevoked(id);
            }
            if (key.platformAdmin() && ports.keys().countActivePlatformAdmins() <= 1) {
                throw Errors.conflict("Cannot revoke the last active platform-admin key " + id);
            }
            Instant now = now();
            if (!ports.keys().revoke(id, now)) {
                throw alreadyRevoked(id);
            }
            audit.record(caller, key.tenant(), AuditResource.API_KEY, id, "api_key.revoked", keyDetails(key), now);
            return key;
        });
        announceRevoked(revoked);
        observer.apiKeyOperation("revoked");
    }

    @Override
    public Optional<Tier> tierOf(ApiKey key) {
        return ports.tenants().find(key.tenant()).map(Tenant::tier);
    }

    @Override
    public IssuedApiKey rotate(Caller caller, ApiKeyId id) {
        Permissions.require(caller, Operation.MANAGE_KEYS);
        ApiKey[] old = new ApiKey[1];
        IssuedApiKey rotated = ports.transactor().inTransaction(() -> {
            ApiKey key = visibleKey(caller, id);
            if (key.platformAdmin() && !caller.platformAdmin()) {
                // the new key would carry platform_admin, which only a platform admin may grant
                throw Errors.platformAdminRequired();
            }
            if (key.revoked() || !ports.keys().revoke(id, now())) {
                throw Errors.conflict("API key " + id + " is already revoked — cannot rotate");
            }
            old[0] = key;
            IssuedApiKey replacement = issue(key.tenant(), rotatedName(key.name()), key.role(), key.platformAdmin());
            audit.record(caller, key.tenant(), AuditResource.API_KEY, id, "api_key.rotated",
                    Map.of("new_key_id", replacement.key().id().toString()), replacement.key().createdAt());
            return replacement;
        });
        announceRevoked(old[0]);
        observer.apiKeyOperation("rotated");
        return rotated;
    }

    @Override
    public IssuedApiKey bootstrap(String bootstrapKey) {
        if (bootstrapKey != null && !ApiKeySecrets.isValidBootstrapKey(bootstrapKey)) {
            throw new IllegalArgumentException(
                    "HR_BOOTSTRAP_ADMIN_KEY must match ^hr_[A-Za-z0-9_-]{32,}$ and have at most 256 characters");
        }
        return ports.transactor().inTransaction(() -> {
            if (ports.tenants().find(TenantId.DEFAULT).isEmpty()) {
                Instant now = now();
                ports.tenants().insert(new Tenant(TenantId.DEFAULT, DEFAULT_TENANT_NAME, Tier.BUSINESS, null, null,
                        now, now, null));
            }
            if (bootstrapKey != null) {
                if (ports.keys().findByHash(ApiKeySecrets.hash(bootstrapKey)).isEmpty()) {
                    bootstrapAdmin(bootstrapKey);
                }
                return null;
            }
            return ports.keys().countActivePlatformAdmins() > 0 ? null
                    : bootstrapAdmin(ApiKeySecrets.generate(random));
        });
    }

    /** The key if the caller may act on it: its own tenant's, or any for a platform admin; else 404. */
    private ApiKey visibleKey(Caller caller, ApiKeyId id) {
        return ports.keys().findById(id)
                .filter(k -> caller.platformAdmin() || k.tenant().equals(caller.tenant()))
                .orElseThrow(() -> Errors.notFound("API key " + id + " not found"));
    }

    private IssuedApiKey issue(TenantId tenant, String name, Role role, boolean platformAdmin) {
        return insert(tenant, name, role, platformAdmin, ApiKeySecrets.generate(random));
    }

    private IssuedApiKey bootstrapAdmin(String secret) {
        IssuedApiKey issued = insert(TenantId.DEFAULT, BOOTSTRAP_NAME, Role.ADMIN, true, secret);
        audit.record("system:bootstrap", null, TenantId.DEFAULT, AuditResource.API_KEY, issued.key().id(),
                "api_key.created", keyDetails(issued.key()), issued.key().createdAt());
        return issued;
    }

    private IssuedApiKey insert(TenantId tenant, String name, Role role, boolean platformAdmin, String secret) {
        ApiKey key = new ApiKey(ApiKeyId.random(), tenant, name, ApiKeySecrets.prefix(secret),
                ApiKeySecrets.hash(secret), role, platformAdmin, now(), null, null);
        ports.keys().insert(key);
        return new IssuedApiKey(key, secret);
    }

    private void announceRevoked(ApiKey key) {
        ports.eventBus().publish(new EventBus.KeyRevoked(key.tenant(), key.id(), key.secretHash()));
    }

    private static Map<String, Object> keyDetails(ApiKey key) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", key.name());
        details.put("role", key.role().wireName());
        details.put("platform_admin", key.platformAdmin());
        return details;
    }

    private static HandoffRailException alreadyRevoked(ApiKeyId id) {
        return Errors.conflict("API key " + id + " is already revoked");
    }

    private Instant now() {
        return Timestamps.micros(ports.clock().instant());
    }

    /** {@code <name> (rotated)}, the suffix not repeated, the name shortened so the result fits in 128 characters. */
    static String rotatedName(String name) {
        if (name.endsWith(ROTATED_SUFFIX)) {
            return name;
        }
        int room = MAX_NAME - ROTATED_SUFFIX.length();
        String base = name.length() <= room ? name : name.substring(0, room);
        return base + ROTATED_SUFFIX;
    }
}
