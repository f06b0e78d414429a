package dev.handoffrail.http.route;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.auth.Operation;
import io.javalin.router.EndpointMetadata;

/**
 * One endpoint as the request pipeline sees it: method and path template (e.g.
 * {@code /api/v1/packets/{packet_id}}), the {@link Operation} whose permission it needs ({@code null} for the
 * open probe endpoints, which skip authentication, rate limits and authorization), what it does with a body and
 * the size limit of that body, whether it honours {@code Idempotency-Key} ({@code idempotencyKeys}), and whether
 * it also takes the key from the {@code api_key} query parameter ({@code queryKey}: the real-time streams, §2.1).
 * Immutable; build it with the factories and withers:
 * {@code Route.post("/api/v1/packets", Operation.CREATE_PACKET).jsonBody(BodyLimit.PACKET).idempotent()}. It is
 * the Javalin endpoint's metadata, which the pipeline's {@code beforeMatched} step reads to admit a request.
 */
public record Route(String method, String path, Operation operation, BodyKind body, BodyLimit bodyLimit,
                    boolean idempotencyKeys, boolean queryKey) implements EndpointMetadata {
    public Route {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        requireNonNull(body, "body");
        requireNonNull(bodyLimit, "bodyLimit");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + path);
        }
    }

    public static Route get(String path, Operation operation) {
        return of("GET", path, requireNonNull(operation, "operation"));
    }

    public static Route post(String path, Operation operation) {
        return of("POST", path, requireNonNull(operation, "operation"));
    }

    public static Route patch(String path, Operation operation) {
        return of("PATCH", path, requireNonNull(operation, "operation"));
    }

    public static Route delete(String path, Operation operation) {
        return of("DELETE", path, requireNonNull(operation, "operation"));
    }

    /** A GET that needs no key (health, readiness, metrics). */
    public static Route openGet(String path) {
        return of("GET", path, null);
    }

    private static Route of(String method, String path, Operation operation) {
        return new Route(method, path, operation, BodyKind.NONE, BodyLimit.DEFAULT, false, false);
    }

    /** The route requires a JSON object body held to {@code limit}. */
    public Route jsonBody(BodyLimit limit) {
        return new Route(method, path, operation, BodyKind.JSON_OBJECT, limit, idempotencyKeys, queryKey);
    }

    /** The route takes an optional JSON object body (absent reads as {@code {}}) held to {@code limit}. */
    public Route optionalJsonBody(BodyLimit limit) {
        return new Route(method, path, operation, BodyKind.JSON_OBJECT_OR_EMPTY, limit, idempotencyKeys, queryKey);
    }

    /** The route honours the {@code Idempotency-Key} header (http-api.md §9.16). */
    public Route idempotent() {
        return new Route(method, path, operation, body, bodyLimit, true, queryKey);
    }

    /** The route also accepts the key as the {@code api_key} query parameter; the header wins (§2.1). */
    public Route keyInQuery() {
        return new Route(method, path, operation, body, bodyLimit, idempotencyKeys, true);
    }

    public boolean authenticated() {
        return operation != null;
    }
}
