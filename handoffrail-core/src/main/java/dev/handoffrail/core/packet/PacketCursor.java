package dev.handoffrail.core.packet;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A keyset position in the packet list ({@code created_at} desc, {@code id} desc): the last packet returned.
 * {@link PacketCursors} encodes it as opaque base64url text.
 */
public record PacketCursor(Instant createdAt, PacketId id) {
    public PacketCursor {
        requireNonNull(createdAt, "createdAt");
        requireNonNull(id, "id");
    }

    public static PacketCursor after(Packet packet) {
        return new PacketCursor(packet.createdAt(), packet.id());
    }
}
