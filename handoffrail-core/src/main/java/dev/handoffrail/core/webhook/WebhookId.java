package dev.handoffrail.core.webhook;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** Identifier of a webhook registration. */
public record WebhookId(UUID value) {
    public WebhookId {
        requireNonNull(value, "value");
    }

    public static WebhookId random() {
        return new WebhookId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
