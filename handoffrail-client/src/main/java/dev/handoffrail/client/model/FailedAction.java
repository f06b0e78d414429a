package dev.handoffrail.client.model;

/** Work that failed; {@code retriesRemaining} is optional. */
public record FailedAction(String id, String description, String error, Integer retriesRemaining) {
}
