package dev.handoffrail.core.port.in;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;

/** A human answers a HITL checkpoint (http-api.md §9.9); the packet goes back to work as {@code claimed}. */
public interface RespondToCheckpointUseCase {
    Packet respond(Caller caller, PacketId id, String response, String respondedBy, String notes);
}
