package dev.handoffrail.core.port.in;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketPatch;

/** PATCH and soft delete (http-api.md §9.6, §9.7). */
public interface UpdatePacketUseCase {
    /** Validates everything first, then applies content, then the transition; nothing is applied on error. */
    Packet update(Caller caller, PacketId id, PacketPatch patch);

    /** Moves the packet to {@code expired} ({@code ALREADY_EXPIRED} if it already is). */
    void delete(Caller caller, PacketId id);
}
