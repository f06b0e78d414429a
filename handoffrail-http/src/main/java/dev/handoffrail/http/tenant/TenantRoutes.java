package dev.handoffrail.http.tenant;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.port.in.ManageTenantsUseCase.EffectiveLimits;
import dev.handoffrail.core.port.in.ManageTenantsUseCase.TenantChanges;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.http.auth.Authenticator;
import dev.handoffrail.http.key.KeyJson;
import dev.handoffrail.http.route.ApiRequest;
import dev.handoffrail.http.route.BodyLimit;
import dev.handoffrail.http.route.JsonFields;
import dev.handoffrail.http.route.Reply;
import dev.handoffrail.http.route.Route;
import dev.handoffrail.http.route.Routes;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tenant endpoints of http-api.md §13 (endpoint index 29–34), all for platform admins. */
public final class TenantRoutes {
    static final String TENANTS = "/api/v1/tenants";
    static final String TENANT = TENANTS + "/{tenant_id}";
    private static final int MAX_NAME_LENGTH = 128;
    private static final String TIERS = String.join(", ", Arrays.stream(Tier.values()).map(Tier::wireName).toList());

    private final HandoffRail rail;
    private final Authenticator authenticator;

    public TenantRoutes(HandoffRail rail, Authenticator authenticator) {
        this.rail = rail;
        this.authenticator = authenticator;
    }

    public void register(Routes routes) {
        routes.add(Route.post(TENANTS, Operation.MANAGE_TENANTS).jsonBody(BodyLimit.DEFAULT), this::create);
        routes.add(Route.get(TENANTS, Operation.MANAGE_TENANTS), this::list);
        routes.add(Route.get(TENANT, Operation.MANAGE_TENANTS), this::get);
        routes.add(Route.patch(TENANT, Operation.MANAGE_TENANTS).optionalJsonBody(BodyLimit.DEFAULT), this::update);
        routes.add(Route.delete(TENANT, Operation.MANAGE_TENANTS), this::delete);
        routes.add(Route.get(TENANT + "/keys", Operation.MANAGE_TENANTS), this::keys);
    }

    private Reply create(ApiRequest request) {
        JsonFields fields = request.fields();
        fields.requirePresent("name");
        String name = fields.text("name", 1, MAX_NAME_LENGTH);
        Tier tier = tier(fields);
        String idText = fields.string("id");
        if (idText != null && !TenantId.isValid(idText)) {
            fields.error("id", "must match ^[A-Za-z0-9][A-Za-z0-9_-]{0,35}$");
        }
        Integer handoffsPerDay = atLeast(fields, "handoffs_per_day", 0);
        Integer maxApiKeys = atLeast(fields, "max_api_keys", 1);
        fields.throwIfAny();
        TenantId id = idText == null ? null : new TenantId(idText);
        Tenant tenant = rail.manageTenants().create(request.caller(), name, tier, id, handoffsPerDay, maxApiKeys);
        return Reply.created(json(tenant), TENANTS + "/" + tenant.id().value());
    }

    private Reply list(ApiRequest request) {
        return Reply.ok(rail.manageTenants().list(request.caller()).stream().map(this::json).toList());
    }

    private Reply get(ApiRequest request) {
        return Reply.ok(json(rail.manageTenants().get(request.caller(), tenantId(request))));
    }

    /** A PATCH: omitted or null name and tier stay; an explicit null quota resets it to the tier default. */
    private Reply update(ApiRequest request) {
        TenantId id = tenantId(request);
        JsonFields fields = request.fields();
        String name = fields.text("name", 1, MAX_NAME_LENGTH);
        Tier tier = tier(fields);
        Integer handoffsPerDay = atLeast(fields, "handoffs_per_day", 0);
        Integer maxApiKeys = atLeast(fields, "max_api_keys", 1);
        fields.throwIfAny();
        TenantChanges changes = new TenantChanges(name, tier, handoffsPerDay, resets(fields, "handoffs_per_day"),
                maxApiKeys, resets(fields, "max_api_keys"));
        Tenant tenant = rail.manageTenants().update(request.caller(), id, changes);
        authenticator.invalidateTenant(id);
        return Reply.ok(json(tenant));
    }

    private Reply delete(ApiRequest request) {
        TenantId id = tenantId(request);
        rail.manageTenants().delete(request.caller(), id);
        authenticator.invalidateTenant(id);
        return Reply.noContent();
    }

    private Reply keys(ApiRequest request) {
        TenantId id = tenantId(request);
        Tier tier = rail.manageTenants().get(request.caller(), id).tier();
        List<Map<String, Object>> keys = rail.manageKeys().listForTenant(request.caller(), id).stream()
                .map(key -> KeyJson.key(key, tier)).toList();
        return Reply.ok(keys);
    }

    /** The tenant representation of §7.6, with the effective quota values. */
    private Map<String, Object> json(Tenant tenant) {
        EffectiveLimits limits = rail.manageTenants().effectiveLimits(tenant);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", tenant.id().value());
        json.put("name", tenant.name());
        json.put("tier", tenant.tier().wireName());
        json.put("handoffs_per_day", limits.handoffsPerDay());
        json.put("max_api_keys", limits.maxApiKeys());
        json.put("created_at", Timestamps.format(tenant.createdAt()));
        json.put("updated_at", Timestamps.format(tenant.updatedAt()));
        json.put("deleted_at", Timestamps.format(tenant.deletedAt()));
        return json;
    }

    private static Tier tier(JsonFields fields) {
        String text = fields.string("tier");
        if (text == null) {
            return null;
        }
        Optional<Tier> tier = Tier.fromWire(text);
        if (tier.isEmpty()) {
            fields.error("tier", "must be one of: " + TIERS);
        }
        return tier.orElse(null);
    }

    private static Integer atLeast(JsonFields fields, String name, int min) {
        Integer value = fields.integer(name);
        if (value != null && value < min) {
            fields.error(name, "must be at least " + min);
        }
        return value;
    }

    private static boolean resets(JsonFields fields, String name) {
        return fields.sent(name) && !fields.has(name);
    }

    private static TenantId tenantId(ApiRequest request) {
        return request.pathId("tenant_id", text -> TenantId.isValid(text) ? Optional.of(new TenantId(text))
                : Optional.empty(), text -> Errors.notFound("Tenant " + text + " not found"));
    }
}
