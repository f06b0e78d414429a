package dev.handoffrail.client;

import dev.handoffrail.client.model.Packet;

/**
 * Told by a {@link Worker} when the claim lease of a packet it was working on was lost (the server answered
 * {@code 409 LEASE_LOST}): the packet has gone back to the queue, maybe to another worker, and the handler's result
 * was not applied. Set it with {@link Worker#onLeaseLost}; the default logs a warning through {@link System.Logger}
 * ({@code dev.handoffrail.client.Worker}).
 *
 * <p>Called at most once per claimed packet: on the worker's heartbeat thread when a heartbeat was refused (while
 * the handler may still be running), or on the worker's own thread when the completion or failure was refused. It
 * should return quickly; what it throws is ignored.
 */
@FunctionalInterface
public interface LeaseLostListener {
    void leaseLost(LeaseLost event);

    /** When the loss was noticed. */
    enum Stage {
        /** A heartbeat was refused while the handler ran; the worker stopped heartbeating. */
        HEARTBEAT,
        /** The completion after the handler returned was refused; the packet was not completed. */
        COMPLETION,
        /** The failure after the handler threw was refused; the packet was not failed. */
        FAILURE
    }

    /**
     * A lost lease: the packet as the worker claimed it, the {@link Stage} that noticed it, and the server's
     * answer.
     */
    record LeaseLost(Packet packet, Stage stage, LeaseLostException error) {
    }
}
