package dev.handoffrail.core.port.in;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketPatch;

/** PATCH and soft delete (http-api.md §9.6, §9.7). */
public interface UpdatePacketUseCase {
    /** Validates everything first, then applies content, then the transition; nothing is applied on error. */
    Packet update(Caller caller, PacketId id, PacketPatch patch);

    /**
     * {@link #update(Caller, PacketId, PacketPatch)} by a leaseholder presenting {@code leaseToken} (null: none).
     * When the packet holds a lease, a status change to {@code in_progress}, {@code completed} or {@code failed}
     * needs the lease's token; a token that does not hold the lease (on any PATCH) gets {@code LEASE_LOST} and
     * nothing changes. A packet without a lease and a request without a token behave as before.
     */
    default Packet update(Caller caller, PacketId id, PacketPatch patch, String leaseToken) {
        if (leaseToken != null) {
            throw new UnsupportedOperationException("leases are not supported by " + getClass().getName());
        }
        return update(caller, id, patch);
    }

    /** Moves the packet to {@code expired} ({@code ALREADY_EXPIRED} if it already is). */
    void delete(Caller caller, PacketId id);
}
