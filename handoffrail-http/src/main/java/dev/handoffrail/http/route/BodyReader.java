package dev.handoffrail.http.route;

import dev.handoffrail.core.error.Errors;
import dev.handoffrail.http.error.TransportCode;
import dev.handoffrail.http.error.TransportException;
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

    private BodyReader() {
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
