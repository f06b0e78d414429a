package dev.handoffrail.http.route;

import dev.handoffrail.core.error.Errors;
import dev.handoffrail.http.error.TransportCode;
import dev.handoffrail.http.error.TransportException;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body while counting the bytes actually received, chunked or not, never trusting
 * {@code Content-Length} (http-api.md §5.5). Past the limit it keeps reading and discarding, up to a cap, so that
 * the client sees the 413 instead of a reset connection and the message can state the real size.
 */
final class BodyReader {
    private static final long DRAIN_CAP = 8L * 1024 * 1024;
    private static final int CHUNK = 8192;

    /** Set on a request whose body {@link #read} has taken (or drained): nothing is left to discard. */
    private static final String READ_ATTRIBUTE = "handoffrail.bodyRead";

    private BodyReader() {
    }

    /** {@link #read} for the request of {@code ctx}, remembering that its body has been taken. */
    static byte[] read(Context ctx, long limit, String tier) {
        ctx.attribute(READ_ATTRIBUTE, Boolean.TRUE);
        InputStream in;
        try {
            in = ctx.req().getInputStream();
        } catch (IOException e) {
            throw new TransportException(TransportCode.MALFORMED_JSON, "Request body could not be read");
        }
        return read(in, limit, tier);
    }

    /**
     * Reads and throws away the unread body of a request refused before its body was read (401, 403, 404, 405,
     * 429), up to the drain cap. A server that closes a connection with request bytes still unread makes the kernel
     * reset it, and the reset discards the answer the client has not read yet: the client, still sending, sees no
     * answer at all. Not done when the client waits for {@code 100 Continue} (it has sent nothing), nor for a body
     * declared larger than the cap (that connection is closed after the answer).
     */
    static void discardUnread(Context ctx) {
        if (Boolean.TRUE.equals(ctx.attribute(READ_ATTRIBUTE))) {
            return;
        }
        ctx.attribute(READ_ATTRIBUTE, Boolean.TRUE);
        String expect = ctx.header("Expect");
        long declared = ctx.req().getContentLengthLong();
        if (declared == 0 || declared > DRAIN_CAP || (expect != null && expect.equalsIgnoreCase("100-continue"))) {
            return;
        }
        try {
            drain(ctx.req().getInputStream(), new byte[CHUNK], DRAIN_CAP);
        } catch (IOException | RuntimeException unreadable) {
            // the client went away or sent garbage: the answer goes out (or not) either way
        }
    }

    /** The whole body; {@code 413 PAYLOAD_TOO_LARGE} (extras {@code tier}, {@code limit_bytes}) above the limit. */
    static byte[] read(InputStream in, long limit, String tier) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[CHUNK];
        long total = 0;
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > limit) {
                    throw Errors.payloadTooLarge(total + drain(in, buffer, limit + DRAIN_CAP - total), limit, tier);
                }
                body.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new TransportException(TransportCode.MALFORMED_JSON, "Request body could not be read");
        }
        return body.toByteArray();
    }

    private static long drain(InputStream in, byte[] buffer, long allowance) throws IOException {
        long drained = 0;
        int n;
        while (drained < allowance && (n = in.read(buffer)) != -1) {
            drained += n;
        }
        return drained;
    }
}
