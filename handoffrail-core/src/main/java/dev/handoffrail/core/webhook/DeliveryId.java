package dev.handoffrail.core.webhook;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.packet.Uuids;
import java.util.UUID;

/** Identifier of one webhook delivery; stable across its attempts (receivers de-duplicate on it). */
public record DeliveryId(UUID value) {
    public DeliveryId {
        requireNonNull(value, "value");
    }

    public static DeliveryId random() {
        return new DeliveryId(Uuids.timeOrdered());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
