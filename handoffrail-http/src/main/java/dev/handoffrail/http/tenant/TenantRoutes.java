package dev.handoffrail.http.tenant;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.port.in.ManageTenantsUseCase.TenantChanges;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.http.auth.Authenticator;
import dev.handoffrail.http.key.KeyResponse;
import dev.handoffrail.http.route.BodyLimit;
import dev.handoffrail.http.route.JsonFields;
import dev.handoffrail.http.route.Requests;
import dev.handoffrail.http.route.Responses;
import dev.handoffrail.http.route.Route;
import dev.handoffrail.http.route.Routes;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
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

    private void create(Context ctx) {
        JsonFields fields = Requests.fields(ctx);
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
        Tenant tenant = rail.manageTenants().create(Requests.caller(ctx), name, tier, id, handoffsPerDay, maxApiKeys);
        Responses.created(ctx, json(tenant), TENANTS + "/" + tenant.id().value());
    }

    private void list(Context ctx) {
        Responses.ok(ctx, rail.manageTenants().list(Requests.caller(ctx)).stream().map(this::json).toList());
    }

    private void get(Context ctx) {
        Responses.ok(ctx, json(rail.manageTenants().get(Requests.caller(ctx), tenantId(ctx))));
    }

    /** A PATCH: omitted or null name and tier stay; an explicit null quota resets it to the tier default. */
    private void update(Context ctx) {
        TenantId id = tenantId(ctx);
        JsonFields fields = Requests.fields(ctx);
        String name = fields.text("name", 1, MAX_NAME_LENGTH);
        Tier tier = tier(fields);
        Integer handoffsPerDay = atLeast(fields, "handoffs_per_day", 0);
        Integer maxApiKeys = atLeast(fields, "max_api_keys", 1);
        fields.throwIfAny();
        TenantChanges changes = new TenantChanges(name, tier, handoffsPerDay, resets(fields, "handoffs_per_day"),
                maxApiKeys, resets(fields, "max_api_keys"));
        Tenant tenant = rail.manageTenants().update(Requests.caller(ctx), id, changes);
        authenticator.invalidateTenant(id);
        Responses.ok(ctx, json(tenant));
    }

    private void delete(Context ctx) {
        TenantId id = tenantId(ctx);
        rail.manageTenants().delete(Requests.caller(ctx), id);
        authenticator.invalidateTenant(id);
        Responses.noContent(ctx);
    }

    private void keys(Context ctx) {
        TenantId id = tenantId(ctx);
        Tier tier = rail.manageTenants().get(Requests.caller(ctx), id).tier();
        List<KeyResponse> keys = rail.manageKeys().listForTenant(Requests.caller(ctx), id).stream()
                .map(key -> KeyResponse.listed(key, tier)).toList();
        Responses.ok(ctx, keys);
    }

    private TenantResponse json(Tenant tenant) {
        return TenantResponse.of(tenant, rail.manageTenants().effectiveLimits(tenant));
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

    private static TenantId tenantId(Context ctx) {
        return Requests.pathId(ctx, "tenant_id", text -> TenantId.isValid(text) ? Optional.of(new TenantId(text))
                : Optional.empty(), text -> Errors.notFound("Tenant " + text + " not found"));
    }
}
