package dev.handoffrail.client.model;

/**
 * Something the work depends on. {@code type} is {@code data}, {@code api}, {@code human_approval},
 * {@code external_event} or {@code resource}; {@code status} is {@code blocked}, {@code available} or
 * {@code unknown} (the default); {@code source} is optional.
 */
public record Dependency(String id, String type, String description, String status, String source) {
}
