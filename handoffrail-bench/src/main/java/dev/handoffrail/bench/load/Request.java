package dev.handoffrail.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP/1.1 request, encoded once so that sending it again costs no formatting. Immutable and thread-safe.
 *
 * @param head the request line and headers, ending with the blank line
 * @param body the body bytes, empty for none
 */
public record Request(byte[] head, byte[] body) {

    /** A request with a JSON body (or none when {@code body} is null) and the given extra headers. */
    public static Request of(String method, String path, Map<String, String> headers, String body) {
        byte[] bodyBytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Type: application/json\r\n");
        }
        if (body != null || !"GET".equals(method)) {
            head.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
        }
        head.append("\r\n");
        return new Request(head.toString().getBytes(StandardCharsets.ISO_8859_1), bodyBytes);
    }

    /** A GET without a body. */
    public static Request get(String path, Map<String, String> headers) {
        return of("GET", path, headers, null);
    }
}
