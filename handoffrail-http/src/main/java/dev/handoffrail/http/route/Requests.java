package dev.handoffrail.http.route;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.port.in.AuthenticateUseCase.Authenticated;
import dev.handoffrail.core.tenant.Tenant;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What an endpoint handler reads from a {@link Context} the request pipeline let through: the caller and tenant
 * the admission step authenticated, the JSON object body it read (byte-counted, size-limited, strictly parsed),
 * typed query parameters and path ids. The pipeline keeps its results as context attributes; these helpers are
 * the only readers. Stateless; each call reads one request's context.
 */
public final class Requests {
    private static final String CALLER_ATTRIBUTE = "handoffrail.caller";
    private static final String BODY_ATTRIBUTE = "handoffrail.body";

    private Requests() {
    }

    /** The authenticated caller; only open routes have none (and must not ask). */
    public static Caller caller(Context ctx) {
        return Caller.of(authenticated(ctx).key());
    }

    /** The caller's tenant, as loaded when authenticating. */
    public static Tenant tenant(Context ctx) {
        return authenticated(ctx).tenant();
    }

    /** The request's JSON object; empty for routes that take no body. */
    public static Map<String, Object> body(Context ctx) {
        Map<String, Object> body = ctx.attribute(BODY_ATTRIBUTE);
        return body == null ? Map.of() : body;
    }

    /** Typed, error-collecting reads of {@link #body}. */
    public static JsonFields fields(Context ctx) {
        return new JsonFields(body(ctx));
    }

    public static QueryParams query(Context ctx) {
        return new QueryParams(ctx.queryParamMap());
    }

    /**
     * A path id parsed by {@code parser}; a malformed one fails like an unknown one, with {@code notFound} of the
     * raw text (http-api.md §1.3: malformed, unknown and foreign ids are all {@code 404}).
     */
    public static <T> T pathId(Context ctx, String name, Function<String, Optional<T>> parser,
                               Function<String, ? extends RuntimeException> notFound) {
        String raw = ctx.pathParam(name);
        return parser.apply(raw).orElseThrow(() -> notFound.apply(raw));
    }

    static void authenticated(Context ctx, Authenticated caller) {
        ctx.attribute(CALLER_ATTRIBUTE, caller);
    }

    /** The admitted caller with its key and tenant (the tenant's tier, e.g. for limits the core applies). */
    public static Authenticated authenticated(Context ctx) {
        Authenticated caller = ctx.attribute(CALLER_ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("route " + ctx.path() + " is not authenticated");
        }
        return caller;
    }

    static void body(Context ctx, Map<String, Object> body) {
        ctx.attribute(BODY_ATTRIBUTE, body);
    }
}
