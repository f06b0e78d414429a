package dev.handoffrail.core.packet;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.UUID;

/** A packet's identity: a UUID, written in lower-case canonical form. */
public record PacketId(UUID value) {
    public PacketId {
        requireNonNull(value, "value");
    }

    public static PacketId random() {
        return new PacketId(Uuids.timeOrdered());
    }

    /** Parses a canonical UUID string; anything else (wrong length, upper-case tricks aside) is empty. */
    public static Optional<PacketId> parse(String text) {
        return Uuids.parseCanonical(text).map(PacketId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
