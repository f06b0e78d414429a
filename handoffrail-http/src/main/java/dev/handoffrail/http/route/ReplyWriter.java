package dev.handoffrail.http.route;

import dev.handoffrail.http.error.ErrorBody;
import dev.handoffrail.http.json.JsonCodec;
import io.javalin.http.Context;

/** Writes replies and error envelopes to the response; the only place that serialises response bodies. */
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
        } else if (reply.json() instanceof Reply.StreamBody body) {
            writeStream(ctx, reply, body);
        } else if (reply.text() != null) {
            writeBytes(ctx, reply.contentType(), reply.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else {
            writeBytes(ctx, reply.contentType(), json.write(reply.json()));
        }
    }

    void write(Context ctx, ErrorBody error) {
        ctx.status(error.status());
        error.headers().forEach(ctx::header);
        writeBytes(ctx, Reply.JSON_TYPE, json.write(error.json()));
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

    byte[] bytesOf(Reply reply) {
        if (reply.status() == 204) {
            return new byte[0];
        }
        return reply.text() != null ? reply.text().getBytes(java.nio.charset.StandardCharsets.UTF_8)
                : json.write(reply.json());
    }

    /**
     * Streams the body; a failure before anything reached the client drops the reply's headers and leaves the
     * response to the error mapper, one after that can only cut the stream short.
     */
    private static void writeStream(Context ctx, Reply reply, Reply.StreamBody body) {
        ctx.contentType(reply.contentType());
        try {
            body.writeTo(ctx.outputStream());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (!ctx.res().isCommitted()) {
                ctx.res().resetBuffer();
                reply.headers().keySet().forEach(ctx::removeHeader);
            }
            throw e;
        }
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
