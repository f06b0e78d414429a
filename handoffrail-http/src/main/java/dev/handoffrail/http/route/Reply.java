package dev.handoffrail.http.route;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A successful response: status, a JSON body of plain values (or text with its content type, or nothing for
 * 204) and extra headers. Immutable.
 */
public record Reply(int status, Object json, String text, String contentType, Map<String, String> headers) {
    public static final String JSON_TYPE = "application/json; charset=utf-8";

    public Reply {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static Reply ok(Object json) {
        return new Reply(200, json, null, JSON_TYPE, Map.of());
    }

    /** {@code 201 Created} with {@code Location: location}. */
    public static Reply created(Object json, String location) {
        return new Reply(201, json, null, JSON_TYPE, Map.of("Location", location));
    }

    public static Reply json(int status, Object json) {
        return new Reply(status, json, null, JSON_TYPE, Map.of());
    }

    /** {@code 204 No Content}: no body, no content type. */
    public static Reply noContent() {
        return new Reply(204, null, null, null, Map.of());
    }

    public static Reply text(int status, String contentType, String text) {
        return new Reply(status, null, text, contentType, Map.of());
    }

    /** A body written piece by piece as it is produced (exports); never held in memory whole. */
    public static Reply stream(int status, String contentType, StreamBody body) {
        return new Reply(status, body, null, contentType, Map.of());
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, json, text, contentType, more);
    }

    /** Writes a streamed body to the response as it goes. */
    @FunctionalInterface
    public interface StreamBody {
        void writeTo(java.io.OutputStream out) throws java.io.IOException;
    }

    public boolean hasBody() {
        return status != 204 && (json != null || text != null || contentType != null);
    }
}
