package dev.handoffrail.http.route;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A successful response: status, a body (JSON of plain values, text with its content type, a stream written
 * straight to the client, or nothing for 204) and extra headers. Immutable.
 */
public record Reply(int status, Object json, String text, BodyWriter stream, String contentType,
                   Map<String, String> headers) {
    public static final String JSON_TYPE = "application/json; charset=utf-8";

    public Reply {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Writes a streamed body (audit export); called once, on the request thread. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    public static Reply ok(Object json) {
        return json(200, json);
    }

    /** {@code 201 Created} with {@code Location: location}. */
    public static Reply created(Object json, String location) {
        return new Reply(201, json, null, null, JSON_TYPE, Map.of("Location", location));
    }

    public static Reply json(int status, Object json) {
        return new Reply(status, json, null, null, JSON_TYPE, Map.of());
    }

    /** {@code 204 No Content}: no body, no content type. */
    public static Reply noContent() {
        return new Reply(204, null, null, null, null, Map.of());
    }

    public static Reply text(int status, String contentType, String text) {
        return new Reply(status, null, text, null, contentType, Map.of());
    }

    /** {@code 200} with a body produced while it is sent, e.g. NDJSON or CSV. */
    public static Reply stream(String contentType, BodyWriter writer) {
        return new Reply(200, null, null, writer, contentType, Map.of());
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, json, text, stream, contentType, more);
    }
}
