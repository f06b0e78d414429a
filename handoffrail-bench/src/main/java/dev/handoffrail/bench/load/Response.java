package dev.handoffrail.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * A received HTTP response: the status and the body bytes (headers are read but not kept).
 *
 * @param status the status code
 * @param body   the de-chunked body, empty for none
 */
public record Response(int status, byte[] body) {

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
