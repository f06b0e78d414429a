package dev.handoffrail.core.testing;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.webhook.Webhook;
import dev.handoffrail.core.webhook.WebhookId;
import java.time.Instant;
import java.util.Set;

/** Test-data builder for webhook registrations: {@code aWebhook().events(PACKET_CLAIMED).build()}. Not thread-safe. */
public final class WebhookFixtures {
    private WebhookFixtures() {
    }

    /** An active webhook of {@link Fixtures#ACME} on {@code packet.created}, created at {@link Fixtures#T0}. */
    public static Builder aWebhook() {
        return new Builder();
    }

    /** Builds webhooks; every setter returns this builder. */
    public static final class Builder {
        private WebhookId id = WebhookId.random();
        private TenantId tenant = Fixtures.ACME;
        private String url = "https://hooks.example.com/handoffs";
        private Set<EventType> events = Set.of(EventType.PACKET_CREATED);
        private String secret = "whsec_test_secret";
        private boolean active = true;
        private Instant createdAt = Fixtures.T0;

        private Builder() {
        }

        public Builder id(WebhookId value) {
            id = value;
            return this;
        }

        public Builder tenant(TenantId value) {
            tenant = value;
            return this;
        }

        public Builder url(String value) {
            url = value;
            return this;
        }

        public Builder events(EventType... values) {
            events = Set.of(values);
            return this;
        }

        public Builder secret(String value) {
            secret = value;
            return this;
        }

        public Builder inactive() {
            active = false;
            return this;
        }

        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public Webhook build() {
            return new Webhook(id, tenant, url, events, secret, active, createdAt);
        }
    }
}
