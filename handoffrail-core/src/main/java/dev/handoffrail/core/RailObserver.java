package dev.handoffrail.core;

import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.webhook.WebhookId;
import java.time.Duration;

/**
 * Hooks for metrics and logs, called on the instance that did the work, after commit. Implementations must be
 * fast, thread-safe and must not throw. Every method defaults to doing nothing.
 */
public interface RailObserver {
    RailObserver NONE = new RailObserver() {
    };

    /** A packet event committed by this instance (not events received from other instances). */
    default void packetEvent(DomainEvent event) {
    }

    /** An API key was {@code created}, {@code revoked} or {@code rotated}. */
    default void apiKeyOperation(String operation) {
    }

    /** One webhook delivery attempt finished. */
    default void webhookAttempt(WebhookId webhook, EventType eventType, boolean success, Duration latency) {
    }

    /** A request or connection was refused by a rate window ({@code minute}, {@code hour}, ...). */
    default void rateLimited(String window, String tier) {
    }
}
