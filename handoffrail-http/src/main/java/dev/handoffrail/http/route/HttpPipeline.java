package dev.handoffrail.http.route;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
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
        if (e.code() == ErrorCode.DAILY_QUOTA_EXCEEDED) {
            String tier = ctx.res().getHeader("X-RateLimit-Tier");
            refusals.refused("daily_handoffs", tier == null ? "none" : tier);
        }
        Responses.error(ctx, ErrorBody.of(e, RequestIds.of(ctx)));
    }

    private void refused(TransportException e, Context ctx) {
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
