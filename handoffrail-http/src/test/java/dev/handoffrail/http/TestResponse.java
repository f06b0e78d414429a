package dev.handoffrail.http;

import dev.handoffrail.testing.TestJson;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/** A response as the client saw it. */
public record TestResponse(int status, HttpHeaders headers, String body) {
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> json() {
        return (Map<String, Object>) TestJson.parse(body);
    }

    @SuppressWarnings("unchecked")
    public List<Object> jsonArray() {
        return (List<Object>) TestJson.parse(body);
    }

    @Override
    public String toString() {
        return status + " " + headers.map() + " " + body;
    }
}
