package dev.handoffrail.http.route;

import dev.handoffrail.http.error.ErrorBody;
import dev.handoffrail.http.json.JsonCodec;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes replies and error envelopes to the response: JSON bodies (response records and plain values) through
 * {@code ctx.json}, i.e. Javalin's JSON mapper, which is the adapter's {@link JsonCodec}.
 */
final class ReplyWriter {
    private final JsonCodec json;

    ReplyWriter(JsonCodec json) {
        this.json = json;
    }

    void write(Context ctx, Reply reply) {
        ctx.status(reply.status());
        reply.headers().forEach(ctx::header);
        if (reply.status() == 204) {
            writeNothing(ctx);
        } else if (reply.stream() != null) {
            ctx.contentType(reply.contentType());
            try {
                reply.stream().writeTo(ctx.outputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (reply.text() != null) {
            writeBytes(ctx, reply.contentType(), reply.text().getBytes(StandardCharsets.UTF_8));
        } else {
            ctx.json(reply.json()).contentType(reply.contentType());
        }
    }

    void write(Context ctx, ErrorBody error) {
        ctx.status(error.status());
        error.headers().forEach(ctx::header);
        ctx.json(error.json()).contentType(Reply.JSON_TYPE);
    }

    /** A remembered response replayed verbatim (http-api.md §9.16). */
    void writeRaw(Context ctx, int status, byte[] body) {
        ctx.status(status);
        if (status == 204 || body.length == 0) {
            writeNothing(ctx);
        } else {
            writeBytes(ctx, Reply.JSON_TYPE, body);
        }
    }

    /** The body bytes of a reply that is remembered for replay; a streamed reply cannot be. */
    byte[] bytesOf(Reply reply) {
        if (reply.stream() != null) {
            throw new IllegalStateException("a streamed reply cannot be remembered for Idempotency-Key replays");
        }
        if (reply.status() == 204) {
            return new byte[0];
        }
        return reply.text() != null ? reply.text().getBytes(StandardCharsets.UTF_8)
                : json.write(reply.json());
    }

    private static void writeBytes(Context ctx, String contentType, byte[] bytes) {
        ctx.contentType(contentType);
        ctx.result(bytes);
    }

    private static void writeNothing(Context ctx) {
        ctx.result(new byte[0]);
        ctx.res().setContentType(null);
        ctx.removeHeader("Content-Type");
    }
}
