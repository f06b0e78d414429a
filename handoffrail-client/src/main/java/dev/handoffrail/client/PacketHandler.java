package dev.handoffrail.client;

import dev.handoffrail.client.model.Packet;

/**
 * The work a {@link Worker} does on one claimed packet. Returning normally completes the packet; throwing fails it
 * (the exception's message becomes a failed action). A handler that moves the packet itself (to
 * {@code awaiting_human}, say) is left alone.
 */
@FunctionalInterface
public interface PacketHandler {
    void handle(Packet packet) throws Exception;
}
