package dev.handoffrail.core.port.in;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketId;

/**
 * Creating packets: single, chained follow-ups (http-api.md §9.1, §9.10). Quotas (daily handoffs, agents, size)
 * are enforced; packet, history, outbox rows and quota charge commit in one transaction.
 */
public interface CreatePacketUseCase {
    Packet create(Caller caller, PacketDraft draft);

    /** A follow-up of {@code parent} (any status) inheriting its conversation, prepended. */
    Packet chain(Caller caller, PacketId parent, PacketDraft draft);

    /**
     * {@link #chain(Caller, PacketId, PacketDraft)} by the parent's leaseholder presenting {@code leaseToken}
     * (issue 14): a token that does not hold the parent's unexpired lease gets {@code LEASE_LOST} and nothing is
     * created. Null: no check (chaining does not change the parent, so it needs no token).
     */
    default Packet chain(Caller caller, PacketId parent, PacketDraft draft, String leaseToken) {
        if (leaseToken != null) {
            throw new UnsupportedOperationException("leases are not supported by " + getClass().getName());
        }
        return chain(caller, parent, draft);
    }
}
