package dev.handoffrail.http.route;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id of http-api.md §1.5: a valid incoming {@code X-Request-ID} (1–128 of {@code [A-Za-z0-9._-]}) is
 * echoed, anything else is replaced by a fresh UUID. Assigned first thing for every request.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-ID";
    private static final String ATTRIBUTE = "handoffrail.request_id";
    private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9._-]{1,128}$");

    private RequestIds() {
    }

    /** Chooses the request's id, remembers it and sets the response header. */
    public static String assign(Context ctx) {
        String incoming = ctx.header(HEADER);
        String id = incoming != null && VALID.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        return id;
    }

    /** The request's id, assigning one if nothing has yet. */
    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id != null ? id : assign(ctx);
    }
}
