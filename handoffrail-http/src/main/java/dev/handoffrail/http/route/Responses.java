package dev.handoffrail.http.route;

import dev.handoffrail.http.error.ErrorBody;
import io.javalin.http.Context;

/**
 * How endpoint handlers answer, over {@link Context}: JSON bodies (response records and plain values) through
 * {@code ctx.json}, i.e. the configured JSON mapper, always labelled {@value #JSON_TYPE}; {@code 204} with no body
 * and no content type; error envelopes; remembered bytes replayed verbatim. Stateless.
 */
public final class Responses {
    public static final String JSON_TYPE = "application/json; charset=utf-8";

    private Responses() {
    }

    public static void ok(Context ctx, Object body) {
        json(ctx, 200, body);
    }

    /** {@code 201 Created} with {@code Location: location}. */
    public static void created(Context ctx, Object body, String location) {
        ctx.header("Location", location);
        json(ctx, 201, body);
    }

    /**
     * {@code status} with {@code body} as JSON. A response record or plain value, never a {@code String}: Javalin's
     * Jackson mapper sends a string as ready-made JSON text.
     */
    public static void json(Context ctx, int status, Object body) {
        ctx.status(status).json(body).contentType(JSON_TYPE);
    }

    /** {@code 204 No Content}: no body, no content type (Javalin would label even an empty result). */
    public static void noContent(Context ctx) {
        ctx.status(204);
        noBody(ctx);
    }

    /** The error envelope of http-api.md §4 with the headers it implies. */
    public static void error(Context ctx, ErrorBody error) {
        error.headers().forEach(ctx::header);
        json(ctx, error.status(), error.json());
    }

    /** JSON bytes rendered earlier, e.g. a remembered response replayed (http-api.md §9.16). */
    static void jsonBytes(Context ctx, int status, byte[] body) {
        ctx.status(status);
        if (status == 204 || body.length == 0) {
            noBody(ctx);
        } else {
            ctx.contentType(JSON_TYPE).result(body);
        }
    }

    private static void noBody(Context ctx) {
        ctx.result(new byte[0]);
        ctx.res().setContentType(null);
        ctx.removeHeader("Content-Type");
    }
}
