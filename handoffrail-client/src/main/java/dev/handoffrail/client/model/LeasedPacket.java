package dev.handoffrail.client.model;

import java.util.Objects;

/**
 * The answer of a claim that may have taken a lease, and of a heartbeat: the packet, and its {@link Lease}
 * ({@code null} when the claim asked for none).
 */
public record LeasedPacket(Packet packet, Lease lease) {
    public LeasedPacket {
        Objects.requireNonNull(packet, "packet");
    }

    /** Whether the claim took a lease. */
    public boolean leased() {
        return lease != null;
    }
}
