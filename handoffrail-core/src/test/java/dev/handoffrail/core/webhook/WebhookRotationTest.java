package dev.handoffrail.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.testing.Fixtures;
import dev.handoffrail.core.testing.WebhookFixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookRotationTest {
    private static final Instant NOW = Fixtures.T0.plusSeconds(3_600);

    @Test
    void after_a_rotation_both_secrets_sign_until_the_grace_period_ends_then_only_the_new_one() {
        Webhook webhook = WebhookFixtures.aWebhook().secret("whsec_old_secret_0001").build();

        Webhook rotated = webhook.withRotatedSecret("whsec_new_secret_0002", NOW, NOW.plusSeconds(600));

        assertThat(rotated.secret()).isEqualTo("whsec_new_secret_0002");
        assertThat(rotated.previousSecret()).isEqualTo("whsec_old_secret_0001");
        assertThat(rotated.previousSecretExpiresAt()).isEqualTo(NOW.plusSeconds(600));
        assertThat(rotated.signingSecrets(NOW.plusSeconds(599)))
                .containsExactly("whsec_new_secret_0002", "whsec_old_secret_0001");
        assertThat(rotated.signingSecrets(NOW.plusSeconds(600))).containsExactly("whsec_new_secret_0002");
    }

    @Test
    void a_rotation_without_grace_drops_the_old_secret_at_once() {
        Webhook webhook = WebhookFixtures.aWebhook().secret("whsec_old_secret_0001").build();

        Webhook rotated = webhook.withRotatedSecret("whsec_new_secret_0002", NOW, NOW);

        assertThat(rotated.previousSecret()).isNull();
        assertThat(rotated.previousSecretExpiresAt()).isNull();
        assertThat(rotated.signingSecrets(NOW)).isEqualTo(List.of("whsec_new_secret_0002"));
    }

    @Test
    void a_second_rotation_keeps_only_the_secret_it_replaces() {
        Webhook twice = WebhookFixtures.aWebhook().secret("whsec_first_secret_001").build()
                .withRotatedSecret("whsec_second_secret_02", NOW, NOW.plusSeconds(600))
                .withRotatedSecret("whsec_third_secret_003", NOW.plusSeconds(1), NOW.plusSeconds(900));

        assertThat(twice.signingSecrets(NOW.plusSeconds(2)))
                .containsExactly("whsec_third_secret_003", "whsec_second_secret_02");
    }

    @Test
    void a_previous_secret_without_an_expiry_is_refused() {
        Webhook webhook = WebhookFixtures.aWebhook().build();

        assertThatThrownBy(() -> new Webhook(webhook.id(), webhook.tenant(), webhook.url(), webhook.events(),
                webhook.secret(), true, webhook.createdAt(), "whsec_old_secret_0001", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neither_secret_appears_in_the_text_form() {
        Webhook rotated = WebhookFixtures.aWebhook().secret("whsec_old_secret_0001").build()
                .withRotatedSecret("whsec_new_secret_0002", NOW, NOW.plusSeconds(600));

        assertThat(rotated.toString()).doesNotContain("whsec_old_secret_0001").doesNotContain("whsec_new_secret");
    }
}
