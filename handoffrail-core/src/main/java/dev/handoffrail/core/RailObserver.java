package dev.handoffrail.core;

import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.webhook.WebhookId;
import java.time.Duration;
import java.util.List;

/**
 * Hooks for metrics and logs, called on the instance that did the work, after commit. Implementations must be
 * fast, thread-safe and must not throw. Every method defaults to doing nothing.
 */
public interface RailObserver {
    RailObserver NONE = new RailObserver() {
    };

    /** One observer that passes every call to each of {@code observers}, in order. */
    static RailObserver all(List<RailObserver> observers) {
        List<RailObserver> each = List.copyOf(observers);
        return new RailObserver() {
            @Override
            public void packetEvent(DomainEvent event) {
                each.forEach(o -> o.packetEvent(event));
            }

            @Override
            public void apiKeyOperation(String operation) {
                each.forEach(o -> o.apiKeyOperation(operation));
            }

            @Override
            public void webhookAttempt(WebhookId webhook, EventType eventType, boolean success, Duration latency) {
                each.forEach(o -> o.webhookAttempt(webhook, eventType, success, latency));
            }

            @Override
            public void rateLimited(String window, String tier) {
                each.forEach(o -> o.rateLimited(window, tier));
            }
        };
    }

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
