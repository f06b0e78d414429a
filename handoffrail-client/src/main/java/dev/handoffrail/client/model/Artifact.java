package dev.handoffrail.client.model;

/**
 * A named artifact of the context. {@code value} is a string, a {@code Map} (JSON object) or a {@code List} (JSON
 * array); {@code contentType} is optional.
 */
public record Artifact(String key, Object value, String contentType) {
}
