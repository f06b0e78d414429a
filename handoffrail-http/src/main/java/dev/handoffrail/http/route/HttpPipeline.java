package dev.handoffrail.http.route;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.port.in.AuthenticateUseCase.Authenticated;
import dev.handoffrail.core.port.in.RealtimeUseCase;
import dev.handoffrail.http.HttpSettings;
import dev.handoffrail.http.auth.Authenticator;
import dev.handoffrail.http.auth.RateLimitListener;
import dev.handoffrail.http.auth.RequestRateLimits;
import dev.handoffrail.http.error.ErrorBody;
import dev.handoffrail.http.error.ErrorStatus;
import dev.handoffrail.http.error.TransportCode;
import dev.handoffrail.http.error.TransportException;
import dev.handoffrail.http.json.JsonCodec;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;
import io.javalin.router.Endpoint;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles the request pipeline: collects routes through {@link #routes()}, then {@link #install} registers them
 * on Javalin, most literal first, together with the one error mapper. Every failure, the framework's own 404, 405
 * and 413 included, leaves as the envelope of http-api.md §4; anything unexpected is a {@code 500} that is logged
 * with its request id and never described to the client.
 */
public final class HttpPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(HttpPipeline.class);

    private final RouteTable table = new RouteTable();
    private final JsonCodec json;
    private final Routes routes = new Routes(table);
    private final RequestPipeline pipeline;
    private final RateLimitListener refusals;

    public HttpPipeline(HandoffRail rail, HttpSettings settings, Authenticator authenticator,
                        RequestRateLimits rateLimits, JsonCodec json, RateLimitListener refusals) {
        this.json = json;
        this.refusals = refusals;
        this.pipeline = new RequestPipeline(rail, settings, authenticator, rateLimits, json, table);
    }

    /** Where routes classes register their routes, before {@link #install}. */
    public Routes routes() {
        return routes;
    }

    /**
     * Authentication, rate limits and authorization (§1.4 steps 2–4) of a request outside the routed endpoints, such
     * as a WebSocket upgrade; the key may come from the {@code api_key} query parameter when {@code queryKey}.
     * Refusals are thrown as for any request.
     */
    public Authenticated admit(Context ctx, Operation operation, boolean queryKey) {
        return pipeline.admitCaller(ctx, operation, queryKey);
    }

    /** The error envelope of {@code failure} as the exception mappers would answer it (status, body, headers). */
    public ErrorBody errorOf(Exception failure, Context ctx) {
        if (failure instanceof HandoffRailException e) {
            countRefusal(e, ctx);
            return ErrorBody.of(e, RequestIds.of(ctx));
        }
        if (failure instanceof TransportException e) {
            return ErrorBody.of(e, RequestIds.of(ctx));
        }
        crashed(failure, ctx);
        return ErrorBody.of(new HandoffRailException(ErrorCode.SERVER_ERROR, "Internal server error"),
                RequestIds.of(ctx));
    }

    public void install(JavalinConfig config) {
        for (Routes.Registration registration : routes.inMatchOrder()) {
            Route route = registration.route();
            Handler handler = pipeline.handlerFor(registration.handler());
            config.routes.addEndpoint(new Endpoint(HandlerType.findOrCreate(route.method()), route.path(), handler,
                    Set.of(route)));
            if (route.method().equals("GET")) {
                // HEAD goes through the same checks as GET (Jetty drops the body), never around them
                config.routes.addEndpoint(new Endpoint(HandlerType.HEAD, route.path(), handler, Set.of(route)));
            }
        }
        config.routes.beforeMatched(pipeline::admit);
        config.jsonMapper(json.javalinMapper());
        config.routes.exception(HandoffRailException.class, this::failed);
        config.routes.exception(TransportException.class, this::refused);
        config.routes.exception(HttpResponseException.class, this::frameworkFailed);
        config.routes.exception(Exception.class, this::crashed);
    }

    private void failed(HandoffRailException e, Context ctx) {
        BodyReader.discardUnread(ctx);
        countRefusal(e, ctx);
        Responses.error(ctx, ErrorBody.of(e, RequestIds.of(ctx)));
    }

    /** Refusals the core decides are counted here: the daily allowance and the real-time connection limit. */
    private void countRefusal(HandoffRailException e, Context ctx) {
        String window = null;
        if (e.code() == ErrorCode.DAILY_QUOTA_EXCEEDED) {
            window = "daily_handoffs";
        } else if (e.code() == ErrorCode.RATE_LIMITED
                && RealtimeUseCase.CONNECTIONS.equals(e.extras().get("window"))) {
            window = RealtimeUseCase.CONNECTIONS;
        }
        if (window != null) {
            String tier = ctx.res().getHeader("X-RateLimit-Tier");
            refusals.refused(window, tier == null ? "none" : tier);
        }
    }

    private void refused(TransportException e, Context ctx) {
        BodyReader.discardUnread(ctx);
        if (e.code() == TransportCode.METHOD_NOT_ALLOWED) {
            List<String> allowed = table.allowedMethods(ctx.path());
            if (!allowed.isEmpty()) {
                ctx.header("Allow", String.join(", ", allowed));
            }
        }
        Responses.error(ctx, ErrorBody.of(e, RequestIds.of(ctx)));
    }

    private void frameworkFailed(HttpResponseException e, Context ctx) {
        if (e instanceof MethodNotAllowedResponse && !table.allowedMethods(ctx.path()).isEmpty()) {
            refused(new TransportException(TransportCode.METHOD_NOT_ALLOWED,
                    "Method " + ctx.method().name() + " not allowed for " + ctx.path()), ctx);
        } else if (e instanceof NotFoundResponse || e instanceof MethodNotAllowedResponse) {
            failed(new HandoffRailException(ErrorCode.NOT_FOUND, "Not found: " + ctx.path()), ctx);
        } else {
            BodyReader.discardUnread(ctx);
            String code = ErrorStatus.codeFor(e.getStatus());
            Responses.error(ctx, ErrorBody.of(ErrorStatus.of(code), code, describe(code), RequestIds.of(ctx)));
        }
    }

    private void crashed(Exception e, Context ctx) {
        String requestId = RequestIds.of(ctx);
        LOG.atError().addKeyValue("event", "request_failed").addKeyValue("request_id", requestId)
                .addKeyValue("method", ctx.method().name()).addKeyValue("endpoint", Routes.templateOf(ctx))
                .setCause(e).log("Unhandled exception while processing a request");
        failed(new HandoffRailException(ErrorCode.SERVER_ERROR, "Internal server error"), ctx);
    }

    private static String describe(String code) {
        return switch (code) {
            case "PAYLOAD_TOO_LARGE" -> "Request body too large";
            case "UNSUPPORTED_MEDIA_TYPE" -> "Unsupported media type";
            case "SERVICE_UNAVAILABLE" -> "Service unavailable";
            case "SERVER_ERROR" -> "Internal server error";
            default -> "Request failed: " + code;
        };
    }
}
