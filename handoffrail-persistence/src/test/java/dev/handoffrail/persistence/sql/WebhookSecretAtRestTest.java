package dev.handoffrail.persistence.sql;

import static dev.handoffrail.core.testing.TenantFixtures.aTenant;
import static dev.handoffrail.core.testing.WebhookFixtures.aWebhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.testing.Fixtures;
import dev.handoffrail.core.webhook.AesGcmSecretCipher;
import dev.handoffrail.core.webhook.Webhook;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook secrets are sealed with HR_SECRET_KEY before they reach the database (http-api.md §11.1). */
class WebhookSecretAtRestTest {
    private static final String SECRET = "whsec_never_in_the_database_0123";
    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void the_stored_secret_is_sealed_and_reads_back_as_the_original() throws Exception {
        DatabaseUrl url = DatabaseUrl.sqlite(dir.resolve("secrets.db"));
        AesGcmSecretCipher cipher = AesGcmSecretCipher.fromBase64(AesGcmSecretCipher.generateKey(random));
        Webhook webhook = aWebhook().tenant(Fixtures.ACME).secret(SECRET).build();

        try (SqlPersistence db = SqlPersistence.open(url, new PoolSettings(1, 1), true, cipher)) {
            db.tenants().insert(aTenant().id(Fixtures.ACME).build());
            db.webhooks().insert(webhook);

            assertThat(storedSecret(db)).startsWith("v1:").doesNotContain(SECRET);
            assertThat(db.webhooks().find(Fixtures.ACME, webhook.id()).orElseThrow().secret()).isEqualTo(SECRET);
        }

        AesGcmSecretCipher otherKey = AesGcmSecretCipher.fromBase64(AesGcmSecretCipher.generateKey(random));
        try (SqlPersistence db = SqlPersistence.open(url, new PoolSettings(1, 1), true, otherKey)) {
            assertThatThrownBy(() -> db.webhooks().find(Fixtures.ACME, webhook.id()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("HR_SECRET_KEY");
        }
    }

    @Test
    void after_a_rotation_both_secrets_are_sealed_and_read_back_as_the_originals() throws Exception {
        DatabaseUrl url = DatabaseUrl.sqlite(dir.resolve("rotation.db"));
        AesGcmSecretCipher cipher = AesGcmSecretCipher.fromBase64(AesGcmSecretCipher.generateKey(random));
        Webhook webhook = aWebhook().tenant(Fixtures.ACME).secret(SECRET).build();
        Webhook rotated = webhook.withRotatedSecret("whsec_the_new_one_also_sealed_45", Fixtures.T0,
                Fixtures.T0.plusSeconds(3_600));

        try (SqlPersistence db = SqlPersistence.open(url, new PoolSettings(1, 1), true, cipher)) {
            db.tenants().insert(aTenant().id(Fixtures.ACME).build());
            db.webhooks().insert(webhook);
            assertThat(db.webhooks().updateSecrets(rotated)).isTrue();

            assertThat(storedSecret(db)).startsWith("v1:").doesNotContain("whsec_the_new_one");
            assertThat(stored(db, "previous_secret")).startsWith("v1:").doesNotContain(SECRET);
            assertThat(db.webhooks().find(Fixtures.ACME, webhook.id())).contains(rotated);
        }
    }

    private static String storedSecret(SqlPersistence db) throws Exception {
        return stored(db, "secret");
    }

    private static String stored(SqlPersistence db, String column) throws Exception {
        try (Connection connection = db.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + column + " FROM webhooks")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
