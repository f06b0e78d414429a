package dev.handoffrail.client;

import java.time.Duration;

/**
 * Receives a subscription's events on its own thread, one call at a time and in the order the server sent them.
 * Only {@link #onEvent} is required. An exception thrown by a callback is not the stream's business: it is caught
 * and the stream continues, so handle your own failures inside the callback.
 */
@FunctionalInterface
public interface EventListener {
    /** A matching event. */
    void onEvent(PacketEvent event);

    /** The stream is open (first connection and every reconnection); events from now on are delivered. */
    default void onConnected(String connectionId) {
    }

    /**
     * The connection ended and the subscription will reconnect after {@code reconnectIn}. {@code reason} is the
     * server's final comment when it sent one ({@code Server shutting down; reconnect}, {@code API key has been
     * revoked}, ...) or what went wrong. Events sent while disconnected are not replayed.
     */
    default void onDisconnected(String reason, Duration reconnectIn) {
    }

    /**
     * The subscription stopped for good because of {@code error}: the server refused it with a {@code 4xx} other
     * than {@code 429} ({@link AuthenticationException} for a bad or revoked key, {@link PermissionDeniedException},
     * {@link InvalidRequestException} for a channel the server refuses). {@link #onClosed()} follows.
     */
    default void onError(HandoffRailApiException error) {
    }

    /** The subscription has ended (closed by you or after {@link #onError}); called exactly once, last. */
    default void onClosed() {
    }
}
