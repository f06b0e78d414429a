package dev.handoffrail.core.packet;

import static java.util.Objects.requireNonNull;

/** A named piece of work product: {@code value} is a string, a JSON object ({@code Map}) or array ({@code List}). */
public record Artifact(String key, Object value, String contentType) {
    public Artifact {
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        value = JsonValues.immutable(value);
    }
}
