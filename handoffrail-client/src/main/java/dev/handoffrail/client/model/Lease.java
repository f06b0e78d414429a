package dev.handoffrail.client.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A claim lease (http-api.md, claim leases): the bearer {@code token} proving the claimant still holds the packet,
 * and when the lease runs out unless a heartbeat extends it. Keep the token secret: the server shows it only in the
 * claim's and the heartbeats' answers.
 */
public record Lease(String token, Instant expiresAt) {
    public Lease {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The token is a secret: it is left out. */
    @Override
    public String toString() {
        return "Lease[expiresAt=" + expiresAt + "]";
    }
}
