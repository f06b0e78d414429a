package dev.handoffrail.http.key;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.IssuedApiKey;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.packet.Uuids;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.http.auth.Authenticator;
import dev.handoffrail.http.route.BodyLimit;
import dev.handoffrail.http.route.JsonFields;
import dev.handoffrail.http.route.Requests;
import dev.handoffrail.http.route.Responses;
import dev.handoffrail.http.route.Route;
import dev.handoffrail.http.route.Routes;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;

/** The API key endpoints of http-api.md §12 (endpoint index 25–28). */
public final class KeyRoutes {
    static final String KEYS = "/api/v1/keys";
    static final String KEY = KEYS + "/{key_id}";
    private static final int MAX_NAME_LENGTH = 128;
    private static final String ROLES = String.join(", ", Arrays.stream(Role.values()).map(Role::wireName).toList());

    private final HandoffRail rail;
    private final Authenticator authenticator;

    public KeyRoutes(HandoffRail rail, Authenticator authenticator) {
        this.rail = rail;
        this.authenticator = authenticator;
    }

    public void register(Routes routes) {
        routes.add(Route.post(KEYS, Operation.MANAGE_KEYS).jsonBody(BodyLimit.DEFAULT), this::create);
        routes.add(Route.get(KEYS, Operation.MANAGE_KEYS), this::list);
        routes.add(Route.delete(KEY, Operation.MANAGE_KEYS), this::revoke);
        routes.add(Route.post(KEY + "/rotate", Operation.MANAGE_KEYS), this::rotate);
    }

    private void create(Context ctx) {
        Caller caller = Requests.caller(ctx);
        JsonFields fields = Requests.fields(ctx);
        fields.requirePresent("name");
        String name = fields.text("name", 1, MAX_NAME_LENGTH);
        String roleText = fields.string("role");
        Role role = null;
        if (roleText != null) {
            role = Role.fromWire(roleText).orElse(null);
            if (role == null) {
                fields.error("role", "must be one of: " + ROLES);
            }
        }
        String tenantText = fields.string("tenant_id");
        Boolean platformAdmin = fields.bool("platform_admin");
        fields.throwIfAny();
        IssuedApiKey issued = rail.manageKeys().create(caller, name, role, tenant(caller, tenantText),
                Boolean.TRUE.equals(platformAdmin));
        Responses.json(ctx, 201, json(issued));
    }

    /**
     * The named tenant. A malformed id names no tenant: another tenant for a tenant admin ({@code 403}), a
     * missing one for a platform admin ({@code 404}), as a well-formed unknown id would.
     */
    private static TenantId tenant(Caller caller, String text) {
        if (text == null) {
            return null;
        }
        if (TenantId.isValid(text)) {
            return new TenantId(text);
        }
        if (!caller.platformAdmin()) {
            throw Errors.platformAdminRequired();
        }
        throw Errors.notFound("Tenant " + text + " not found");
    }

    private void list(Context ctx) {
        Tier tier = Requests.tenant(ctx).tier();
        List<KeyResponse> keys = rail.manageKeys().list(Requests.caller(ctx)).stream()
                .map(key -> KeyResponse.listed(key, tier)).toList();
        Responses.ok(ctx, keys);
    }

    private void revoke(Context ctx) {
        ApiKeyId id = keyId(ctx);
        rail.manageKeys().revoke(Requests.caller(ctx), id);
        authenticator.invalidateKey(id);
        Responses.noContent(ctx);
    }

    private void rotate(Context ctx) {
        ApiKeyId id = keyId(ctx);
        IssuedApiKey issued = rail.manageKeys().rotate(Requests.caller(ctx), id);
        authenticator.invalidateKey(id);
        Responses.json(ctx, 201, json(issued));
    }

    private KeyResponse json(IssuedApiKey issued) {
        return KeyResponse.issued(issued.key(), rail.manageKeys().tierOf(issued.key()).orElse(null), issued.secret());
    }

    private static ApiKeyId keyId(Context ctx) {
        return Requests.pathId(ctx, "key_id", text -> Uuids.parseCanonical(text).map(ApiKeyId::new),
                text -> Errors.notFound("API key " + text + " not found"));
    }
}
