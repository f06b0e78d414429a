package dev.handoffrail.client.model;

/** Work done; {@code completedBy} and {@code completedAt} (RFC 3339, returned as sent) are optional. */
public record CompletedAction(String id, String description, String result, String completedBy,
                              String completedAt) {
}
