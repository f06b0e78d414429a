package dev.handoffrail.http.route;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.auth.Permissions;
import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.packet.StorableText;
import dev.handoffrail.core.port.in.AuthenticateUseCase.Authenticated;
import dev.handoffrail.http.HttpSettings;
import dev.handoffrail.http.auth.Authenticator;
import dev.handoffrail.http.auth.ClientAddress;
import dev.handoffrail.http.auth.RequestRateLimits;
import dev.handoffrail.http.error.TransportCode;
import dev.handoffrail.http.error.TransportException;
import dev.handoffrail.http.json.JsonCodec;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request processing order of http-api.md §1.4 for one matched route, in two Javalin steps: {@link #admit}
 * ({@code beforeMatched}: literal-route precedence (405), authentication (401, throttled 429), rate limits (429),
 * authorization (403, before any body byte is read)), then the endpoint handler (body size (413), media type
 * (415), JSON parsing (400) and the {@link StorableText} rule over every string and key (400), then the route's Javalin handler). Idempotent routes run the steps after the size
 * check under their {@code Idempotency-Key}. The caller and the parsed body reach the handler as context attributes,
 * read through {@link Requests}. Thread-safe.
 */
final class RequestPipeline {
    /** Set when a more literal route refused the method: the request matched no route of its own. */
    static final String SHADOWED_ATTRIBUTE = "handoffrail.shadowed";

    private final HandoffRail rail;
    private final HttpSettings settings;
    private final Authenticator authenticator;
    private final RequestRateLimits rateLimits;
    private final JsonCodec json;
    private final RouteTable table;
    private final IdempotentExecution idempotency;

    RequestPipeline(HandoffRail rail, HttpSettings settings, Authenticator authenticator,
                    RequestRateLimits rateLimits, JsonCodec json, RouteTable table) {
        this.rail = rail;
        this.settings = settings;
        this.authenticator = authenticator;
        this.rateLimits = rateLimits;
        this.json = json;
        this.table = table;
        this.idempotency = new IdempotentExecution(rail.idempotency(), json);
    }

    /**
     * The {@code beforeMatched} step, keyed on the matched endpoint's {@link Route}: steps 1–4 of §1.4 (literal
     * routes win with 405, authentication, rate limits, authorization), so that a refused request never reaches
     * its handler and no body byte is read before the caller is known and allowed.
     */
    void admit(Context ctx) {
        Route route = Routes.routeOf(ctx);
        if (route == null) {
            return;
        }
        if (table.shadowed(route.path(), ctx.path())) {
            ctx.attribute(SHADOWED_ATTRIBUTE, Boolean.TRUE);
            throw new TransportException(TransportCode.METHOD_NOT_ALLOWED,
                    "Method " + ctx.method().name() + " not allowed for " + ctx.path());
        }
        if (!route.authenticated()) {
            return;
        }
        Requests.authenticated(ctx, admitCaller(ctx, route.operation(), route.queryKey()));
    }

    /**
     * Steps 2–4 of §1.4 for a request that is not a routed endpoint call (a WebSocket upgrade): authentication
     * (the {@code X-API-Key} header, else with {@code queryKey} the {@code api_key} query parameter), rate limits
     * (their headers set on the response) and authorization for {@code operation}.
     */
    Authenticated admitCaller(Context ctx, Operation operation, boolean queryKey) {
        String key = ctx.header("X-API-Key");
        if (key == null && queryKey) {
            key = ctx.queryParam("api_key");
        }
        Authenticated caller = authenticator.authenticate(key, ClientAddress.of(ctx, settings.trustProxy()));
        RequestRateLimits.Outcome rate = rateLimits.charge(caller);
        rate.headers().forEach(ctx::header);
        if (rate.refusal() != null) {
            throw rate.refusal();
        }
        Permissions.require(Caller.of(caller.key()), operation);
        return caller;
    }

    /** The endpoint handler around {@code handler}: steps 5–9 of §1.4 on a request {@link #admit} let through. */
    Handler handlerFor(Handler handler) {
        return ctx -> run(Routes.routeOf(ctx), handler, ctx);
    }

    private void run(Route route, Handler handler, Context ctx) throws Exception {
        if (!route.authenticated()) {
            handler.handle(ctx);
            return;
        }
        Authenticated caller = Requests.authenticated(ctx);
        String idempotencyKey = route.idempotencyKeys() ? IdempotentExecution.keyOf(ctx) : null;
        long limit = route.bodyLimit().bytes(rail.settings().tiers().quotasFor(caller.tenant().tier()),
                settings.defaultBodyLimit());
        byte[] bytes = BodyReader.read(ctx, limit, caller.tenant().tier().wireName());
        Handler parseThenHandle = c -> {
            Requests.body(c, parse(route, c, bytes));
            handler.handle(c);
        };
        if (idempotencyKey == null) {
            parseThenHandle.handle(ctx);
        } else {
            idempotency.run(ctx, caller.tenant().id(), idempotencyKey, bytes, parseThenHandle);
        }
    }

    private Map<String, Object> parse(Route route, Context ctx, byte[] bytes) {
        if (route.body() == BodyKind.NONE) {
            return Map.of();
        }
        if (bytes.length == 0 && route.body() == BodyKind.JSON_OBJECT_OR_EMPTY) {
            return Map.of();
        }
        if (bytes.length > 0 && !isJson(ctx.header("Content-Type"))) {
            throw new TransportException(TransportCode.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported media type; request bodies must be application/json");
        }
        Map<String, Object> body = json.parseObject(bytes);
        List<FieldError> unstorable = new ArrayList<>();
        StorableText.checkDeep(unstorable, "", body);
        if (!unstorable.isEmpty()) {
            throw new ValidationException(unstorable);
        }
        return body;
    }

    /** {@code application/json} (or a {@code +json} type), with no charset or UTF-8. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !(type.startsWith("application/") && type.endsWith("+json"))) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].trim().split("=", 2);
            if (parameter[0].trim().equalsIgnoreCase("charset") && parameter.length == 2) {
                String charset = parameter[1].trim().replace("\"", "");
                if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }
}
