package dev.handoffrail.core.auth;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** Identifier of a stored API key (not the secret). */
public record ApiKeyId(UUID value) {
    public ApiKeyId {
        requireNonNull(value, "value");
    }

    public static ApiKeyId random() {
        return new ApiKeyId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
