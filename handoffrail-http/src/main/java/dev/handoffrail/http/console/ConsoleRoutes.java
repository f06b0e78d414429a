package dev.handoffrail.http.console;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.http.route.Route;
import dev.handoffrail.http.route.Routes;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reviewer console: {@code GET /console} (the page) and {@code GET /console/{asset}} (its style sheet, script
 * modules and icon), static files packaged in this jar and read once. Both are open routes, like the probes: the page
 * needs no key to load; it asks the reviewer for one and sends it, as {@code X-API-Key}, only to {@code /api/v1}.
 * Every console response carries {@link #CONTENT_SECURITY_POLICY} (scripts and styles from this origin only, no
 * inline code, no {@code eval}, Trusted Types required so that no string reaches an HTML sink) and the usual
 * hardening headers. An unknown asset is the ordinary {@code 404 NOT_FOUND} envelope. Immutable, thread-safe.
 */
public final class ConsoleRoutes {
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
            "require-trusted-types-for 'script'",
            "trusted-types 'none'");
    /** The hardening headers on every console response, CSP included. */
    static final Map<String, String> HEADERS = headers();
    private static final String FOLDER = "dev/handoffrail/http/console/";
    private static final String JS = "text/javascript; charset=utf-8";
    /** Every file the console is made of, with its media type; nothing else is served under {@code /console/}. */
    private static final Map<String, String> ASSET_TYPES = Map.of(
            "console.css", "text/css; charset=utf-8",
            "console.js", JS,
            "api.js", JS,
            "dom.js", JS,
            "format.js", JS,
            "updates.js", JS,
            "views.js", JS,
            "icon.svg", "image/svg+xml");

    private final byte[] page;
    private final Map<String, byte[]> assets;

    public ConsoleRoutes() {
        this.page = resource("index.html");
        Map<String, byte[]> loaded = new LinkedHashMap<>();
        ASSET_TYPES.keySet().forEach(name -> loaded.put(name, resource(name)));
        this.assets = Map.copyOf(loaded);
    }

    public void register(Routes routes) {
        routes.add(Route.openGet("/console"), this::page);
        routes.add(Route.openGet("/console/{asset}"), this::asset);
    }

    private void page(Context ctx) {
        send(ctx, "text/html; charset=utf-8", page);
    }

    private void asset(Context ctx) {
        String name = ctx.pathParam("asset");
        byte[] body = assets.get(name);
        if (body == null) {
            throw new HandoffRailException(ErrorCode.NOT_FOUND, "Not found: " + ctx.path());
        }
        send(ctx, ASSET_TYPES.get(name), body);
    }

    private static void send(Context ctx, String type, byte[] body) {
        HEADERS.forEach(ctx::header);
        ctx.contentType(type).result(body);
    }

    private static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        headers.put("Cross-Origin-Resource-Policy", "same-origin");
        headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        // small files: always revalidated, so an upgraded server never runs a page against stale modules
        headers.put("Cache-Control", "no-cache");
        return Map.copyOf(headers);
    }

    private static byte[] resource(String name) {
        try (InputStream in = ConsoleRoutes.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource " + FOLDER + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
