package dev.handoffrail.core.port.in;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.webhook.Delivery;
import dev.handoffrail.core.webhook.DeliveryId;
import dev.handoffrail.core.webhook.DeliveryStatus;
import dev.handoffrail.core.webhook.Webhook;
import dev.handoffrail.core.webhook.WebhookId;
import java.util.List;
import java.util.Set;

/** Webhook registrations, deliveries and the dead-letter queue (http-api.md §11). */
public interface ManageWebhooksUseCase {
    /** A rotation's grace period when the caller names none: 24 hours. */
    long DEFAULT_GRACE_SECONDS = 86_400;
    /** The longest grace period: 7 days. */
    long MAX_GRACE_SECONDS = 604_800;

    /**
     * {@code events} null means the default set; the URL passes the scheme and SSRF rules. On a rail built without
     * a webhook transport it is refused with {@code SERVICE_UNAVAILABLE}.
     */
    Webhook register(Caller caller, String url, Set<EventType> events, String secret);

    List<Webhook> list(Caller caller);

    void deactivate(Caller caller, WebhookId id);

    /**
     * Gives an active webhook a new random secret, returned here and never again. The current secret keeps signing
     * deliveries next to the new one for {@code gracePeriodSeconds} (null means {@link #DEFAULT_GRACE_SECONDS};
     * 0 to {@link #MAX_GRACE_SECONDS}; 0 drops it at once), so receivers switch without rejecting a delivery.
     */
    RotatedSecret rotateSecret(Caller caller, WebhookId id, Long gracePeriodSeconds);

    List<Delivery> deliveries(Caller caller, WebhookId id, DeliveryStatus status, int limit, int offset);

    List<Delivery> deadLetters(Caller caller, int limit, int offset);

    /** Resets a dead-letter delivery and makes one immediate attempt. */
    Delivery replay(Caller caller, DeliveryId id);

    RetryAllResult retryAll(Caller caller);

    record RetryAllResult(int retried, int succeeded, int failed) {
    }

    /** A rotation's outcome: the webhook as stored and its new secret. {@link #toString()} hides the secret. */
    record RotatedSecret(Webhook webhook, String secret) {
        @Override
        public String toString() {
            return "RotatedSecret[webhook=" + webhook.id() + "]";
        }
    }
}
