package dev.handoffrail.http.auth;

import io.javalin.http.Context;

/** The client IP of http-api.md §2.2: the socket peer, or the first {@code X-Forwarded-For} hop behind a proxy. */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(Context ctx, boolean trustProxy) {
        if (trustProxy) {
            String forwarded = ctx.header("X-Forwarded-For");
            if (forwarded != null) {
                int comma = forwarded.indexOf(',');
                String first = (comma < 0 ? forwarded : forwarded.substring(0, comma)).trim();
                if (!first.isEmpty()) {
                    return first;
                }
            }
        }
        return ctx.req().getRemoteAddr();
    }
}
