package dev.handoffrail.core.schema;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** Identifier of a registered context schema. */
public record SchemaId(UUID value) {
    public SchemaId {
        requireNonNull(value, "value");
    }

    public static SchemaId random() {
        return new SchemaId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
