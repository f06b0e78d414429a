package dev.handoffrail.core.contract;

import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static dev.handoffrail.core.testing.WebhookFixtures.aWebhook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.port.out.WebhookStore;
import dev.handoffrail.core.webhook.Webhook;
import dev.handoffrail.core.webhook.WebhookId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link WebhookStore} contract. */
public abstract class WebhookStoreContract extends StoreContract {
    private WebhookStore webhooks;

    @BeforeEach
    final void givenTenants() {
        givenTwoTenants();
        webhooks = stores.webhooks();
    }

    @Test
    void an_inserted_webhook_is_found_with_every_field_intact_in_its_tenant_only() {
        Webhook webhook = aWebhook().url("https://hooks.example.com/a?b=c").secret("whsec_1234567890abcdef")
                .events(EventType.PACKET_CREATED, EventType.HITL_RESPONSE_READY, EventType.PACKET_EXPIRED)
                .createdAt(T0.plusNanos(7_000)).build();

        webhooks.insert(webhook);

        Webhook found = webhooks.find(ACME, webhook.id()).orElseThrow();
        assertThat(found).isEqualTo(webhook);
        assertThat(found.secret()).isEqualTo("whsec_1234567890abcdef");
        assertThat(webhooks.find(GLOBEX, webhook.id())).isEmpty();
        assertThat(webhooks.find(ACME, WebhookId.random())).isEmpty();
    }

    @Test
    void a_tenants_webhooks_are_listed_newest_first_inactive_ones_included() {
        Webhook oldest = aWebhook().createdAt(T0).build();
        Webhook inactive = aWebhook().inactive().createdAt(T0.plusSeconds(1)).build();
        Webhook newest = aWebhook().createdAt(T0.plusSeconds(2)).build();
        webhooks.insert(newest);
        webhooks.insert(oldest);
        webhooks.insert(inactive);
        webhooks.insert(aWebhook().tenant(GLOBEX).createdAt(T0.plusSeconds(3)).build());

        assertThat(webhooks.list(ACME)).containsExactly(newest, inactive, oldest);
    }

    @Test
    void active_subscribers_are_the_tenants_active_webhooks_on_that_event_type() {
        Webhook created = aWebhook().events(EventType.PACKET_CREATED).build();
        Webhook both = aWebhook().events(EventType.PACKET_CREATED, EventType.PACKET_CLAIMED).build();
        webhooks.insert(created);
        webhooks.insert(both);
        webhooks.insert(aWebhook().events(EventType.PACKET_CLAIMED).build());
        webhooks.insert(aWebhook().events(EventType.PACKET_CREATED).inactive().build());
        webhooks.insert(aWebhook().tenant(GLOBEX).events(EventType.PACKET_CREATED).build());

        assertThat(webhooks.activeSubscribers(ACME, EventType.PACKET_CREATED)).containsExactlyInAnyOrder(created,
                both);
        assertThat(webhooks.activeSubscribers(ACME, EventType.PACKET_FAILED)).isEmpty();
    }

    @Test
    void active_webhooks_are_counted_per_tenant() {
        webhooks.insert(aWebhook().build());
        webhooks.insert(aWebhook().build());
        webhooks.insert(aWebhook().inactive().build());
        webhooks.insert(aWebhook().tenant(GLOBEX).build());

        assertThat(webhooks.countActive(ACME)).isEqualTo(2);
        assertThat(webhooks.countActive(GLOBEX)).isEqualTo(1);
    }

    @Test
    void a_webhook_is_deactivated_only_once_and_only_in_its_tenant() {
        Webhook webhook = aWebhook().build();
        webhooks.insert(webhook);

        assertThat(webhooks.deactivate(GLOBEX, webhook.id())).isFalse();
        assertThat(webhooks.deactivate(ACME, webhook.id())).isTrue();
        assertThat(webhooks.deactivate(ACME, webhook.id())).isFalse();

        assertThat(webhooks.find(ACME, webhook.id())).contains(webhook.deactivated());
        assertThat(webhooks.countActive(ACME)).isZero();
        assertThat(webhooks.deactivate(ACME, WebhookId.random())).isFalse();
    }

    @Test
    void a_rotation_stores_the_new_and_the_previous_secret_with_its_expiry_only_for_an_active_webhook_in_its_tenant() {
        Webhook webhook = aWebhook().secret("whsec_first_secret_0001").build();
        webhooks.insert(webhook);
        Webhook rotated = webhook.withRotatedSecret("whsec_second_secret_002", T0, T0.plusSeconds(600));

        assertThat(webhooks.updateSecrets(new Webhook(rotated.id(), GLOBEX, rotated.url(), rotated.events(),
                rotated.secret(), true, rotated.createdAt(), rotated.previousSecret(),
                rotated.previousSecretExpiresAt()))).isFalse();
        assertThat(webhooks.updateSecrets(rotated)).isTrue();

        Webhook found = webhooks.find(ACME, webhook.id()).orElseThrow();
        assertThat(found).isEqualTo(rotated);
        assertThat(found.signingSecrets(T0)).containsExactly("whsec_second_secret_002", "whsec_first_secret_0001");
        assertThat(webhooks.list(ACME)).containsExactly(rotated);

        Webhook again = found.withRotatedSecret("whsec_third_secret_0003", T0.plusSeconds(1), T0.plusSeconds(1));
        assertThat(webhooks.updateSecrets(again)).isTrue();
        assertThat(webhooks.find(ACME, webhook.id()).orElseThrow()).isEqualTo(again);
        assertThat(again.previousSecret()).isNull();

        webhooks.deactivate(ACME, webhook.id());
        assertThat(webhooks.updateSecrets(rotated)).isFalse();
        assertThat(webhooks.find(ACME, webhook.id()).orElseThrow().secret()).isEqualTo("whsec_third_secret_0003");
    }
}
