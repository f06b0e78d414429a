package dev.handoffrail.client;

/**
 * 409 {@code LEASE_LOST}: the claim lease's token sent (or its absence, on a leased packet) does not hold the
 * packet's lease (it ran out, was released by the server's sweeper, or the packet was claimed again); the request
 * changed nothing. Retrying with the same token cannot succeed: fetch the packet to see who holds it now.
 */
public class LeaseLostException extends ConflictException {
    LeaseLostException(ErrorEnvelope envelope) {
        super(envelope);
    }
}
