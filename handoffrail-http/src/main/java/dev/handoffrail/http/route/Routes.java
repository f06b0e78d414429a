package dev.handoffrail.http.route;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.Endpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The registrar handed to every routes class: {@code routes.add(Route.get("/api/v1/packets",
 * Operation.READ_PACKETS), this::list)} with a Javalin {@link Handler}, which reads the admitted request through
 * {@link Requests} and answers through {@link Responses}. Each route runs behind the request pipeline; registration
 * order does not matter, literal segments always win over path parameters.
 */
public final class Routes {
    private final List<Registration> registrations = new ArrayList<>();
    private final RouteTable table;

    Routes(RouteTable table) {
        this.table = table;
    }

    public Routes add(Route route, Handler handler) {
        requireNonNull(route, "route");
        requireNonNull(handler, "handler");
        for (Registration existing : registrations) {
            if (existing.route().method().equals(route.method()) && existing.route().path().equals(route.path())) {
                throw new IllegalArgumentException("duplicate route " + route.method() + " " + route.path());
            }
        }
        table.add(route.method(), route.path());
        registrations.add(new Registration(route, handler));
        return this;
    }

    /**
     * The template of the route that handled the request ({@code /api/v1/packets/{packet_id}}): the matched
     * Javalin endpoint's path; null when no route matched or a more literal route refused the method (405).
     */
    public static String templateOf(Context ctx) {
        Route route = routeOf(ctx);
        return route == null || ctx.attribute(RequestPipeline.SHADOWED_ATTRIBUTE) != null ? null : route.path();
    }

    /** The route metadata of the endpoint Javalin matched, or null when none (or not one of ours) matched. */
    static Route routeOf(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint == null ? null : endpoint.metadata(Route.class);
    }

    /** The registrations, most literal templates first (the router takes the first match). */
    List<Registration> inMatchOrder() {
        List<Registration> ordered = new ArrayList<>(registrations);
        ordered.sort(Comparator.comparing(registration -> registration.route().path(), RouteTable.MOST_LITERAL_FIRST));
        return ordered;
    }

    record Registration(Route route, Handler handler) {
    }
}
