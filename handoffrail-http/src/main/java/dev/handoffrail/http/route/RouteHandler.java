package dev.handoffrail.http.route;

/**
 * The endpoint logic behind a {@link Route}: turns the already authenticated, authorized and parsed request into
 * a command, calls one use case and answers. It never catches exceptions: a {@code HandoffRailException} becomes
 * the error envelope, anything else a {@code 500}.
 */
@FunctionalInterface
public interface RouteHandler {
    Reply handle(ApiRequest request);
}
