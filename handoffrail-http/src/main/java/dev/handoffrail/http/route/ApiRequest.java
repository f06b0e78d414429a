package dev.handoffrail.http.route;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.port.in.AuthenticateUseCase.Authenticated;
import dev.handoffrail.core.tenant.Tenant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What a {@link RouteHandler} gets: the request after routing, authentication, rate limiting, authorization,
 * size and media-type checks and JSON parsing. {@link #body()} is the parsed JSON object (empty for routes
 * without a body); path ids are parsed with {@link #pathId}, query parameters through {@link #query()}.
 */
public final class ApiRequest {
    private final Route route;
    private final Authenticated authenticated;
    private final String requestId;
    private final Map<String, Object> body;
    private final Map<String, String> pathParams;
    private final QueryParams query;
    private final UnaryOperator<String> headers;

    public ApiRequest(Route route, Authenticated authenticated, String requestId, Map<String, Object> body,
                      Map<String, String> pathParams, QueryParams query, UnaryOperator<String> headers) {
        this.route = requireNonNull(route, "route");
        this.authenticated = authenticated;
        this.requestId = requireNonNull(requestId, "requestId");
        this.body = requireNonNull(body, "body");
        this.pathParams = Map.copyOf(pathParams);
        this.query = requireNonNull(query, "query");
        this.headers = requireNonNull(headers, "headers");
    }

    public Route route() {
        return route;
    }

    /** The authenticated caller; only open routes have none (and must not ask). */
    public Caller caller() {
        return Caller.of(authenticatedOrFail().key());
    }

    /** The caller's tenant, as loaded when authenticating. */
    public Tenant tenant() {
        return authenticatedOrFail().tenant();
    }

    public String requestId() {
        return requestId;
    }

    /** The request's JSON object; empty for routes that take no body. */
    public Map<String, Object> body() {
        return body;
    }

    /** Typed, error-collecting reads of {@link #body()}. */
    public JsonFields fields() {
        return new JsonFields(body);
    }

    public QueryParams query() {
        return query;
    }

    /** A request header, or null; names are case-insensitive. */
    public String header(String name) {
        return headers.apply(name);
    }

    /** The raw value of a path parameter of the route template. */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route " + route.path() + " has no path parameter " + name);
        }
        return value;
    }

    /**
     * A path id parsed by {@code parser}; a malformed one fails like an unknown one, with {@code notFound} of the
     * raw text (http-api.md §1.3: malformed, unknown and foreign ids are all {@code 404}).
     */
    public <T> T pathId(String name, Function<String, Optional<T>> parser,
                        Function<String, ? extends RuntimeException> notFound) {
        String raw = pathParam(name);
        return parser.apply(raw).orElseThrow(() -> notFound.apply(raw));
    }

    private Authenticated authenticatedOrFail() {
        if (authenticated == null) {
            throw new IllegalStateException("route " + route.path() + " is not authenticated");
        }
        return authenticated;
    }
}
