package dev.handoffrail.http.error;

import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.HandoffRailException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The error envelope of http-api.md §4.1 for one exception: {@code detail}, {@code code}, {@code status_code},
 * {@code field} and {@code errors} when present, the code's extra members, {@code request_id}. Also names the
 * response headers the error implies ({@code Retry-After}).
 */
public record ErrorBody(int status, Map<String, Object> json, Map<String, String> headers) {
    private static final Set<String> RESERVED = Set.of("detail", "code", "status_code", "field", "errors",
            "request_id");

    public ErrorBody {
        json = Collections.unmodifiableMap(new LinkedHashMap<>(json));
        headers = Map.copyOf(headers);
    }

    /** The envelope of an error the transport raised: {@code detail}, {@code code}, {@code status_code}. */
    public static ErrorBody of(TransportException e, String requestId) {
        return of(e.code().status(), e.code().wireName(), e.detail(), requestId);
    }

    /** The envelope of an error with no field or extra members, e.g. one the web server raised itself. */
    public static ErrorBody of(int status, String code, String detail, String requestId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("detail", detail);
        json.put("code", code);
        json.put("status_code", status);
        json.put("request_id", requestId);
        return new ErrorBody(status, json, Map.of());
    }

    public static ErrorBody of(HandoffRailException e, String requestId) {
        int status = ErrorStatus.of(e.code());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("detail", e.detail());
        json.put("code", e.code().wireName());
        json.put("status_code", status);
        if (e.field() != null) {
            json.put("field", e.field());
        }
        if (!e.errors().isEmpty()) {
            List<Map<String, Object>> errors = new ArrayList<>();
            for (FieldError error : e.errors()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("field", error.field());
                entry.put("message", error.message());
                errors.add(entry);
            }
            json.put("errors", errors);
        }
        e.extras().forEach((name, value) -> {
            if (!RESERVED.contains(name)) {
                json.put(name, value);
            }
        });
        json.put("request_id", requestId);
        Object retryAfter = e.extras().get("retry_after");
        Map<String, String> headers = retryAfter instanceof Number seconds
                ? Map.of("Retry-After", Long.toString(seconds.longValue()))
                : Map.of();
        return new ErrorBody(status, json, headers);
    }
}
