package dev.handoffrail.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AesGcmSecretCipherTest {
    private final SecureRandom random = new SecureRandom();
    private final AesGcmSecretCipher cipher = AesGcmSecretCipher.fromBase64(AesGcmSecretCipher.generateKey(random));

    @Test
    void a_sealed_secret_opens_to_the_original_and_does_not_contain_it() {
        String sealed = cipher.seal("whsec_4f1d0c9e8b7a6a5b4c3d");

        assertThat(sealed).startsWith("v1:").doesNotContain("whsec_4f1d0c9e8b7a6a5b4c3d");
        assertThat(cipher.open(sealed)).isEqualTo("whsec_4f1d0c9e8b7a6a5b4c3d");
    }

    @Test
    void sealing_the_same_secret_twice_gives_different_values() {
        assertThat(cipher.seal("same-secret-value")).isNotEqualTo(cipher.seal("same-secret-value"));
    }

    @Test
    void a_value_sealed_under_another_key_or_tampered_with_does_not_open() {
        AesGcmSecretCipher other = AesGcmSecretCipher.fromBase64(AesGcmSecretCipher.generateKey(random));
        String sealed = cipher.seal("whsec_4f1d0c9e8b7a6a5b4c3d");
        char last = sealed.charAt(sealed.length() - 1);
        String tampered = sealed.substring(0, sealed.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HR_SECRET_KEY").hasMessageNotContaining("whsec");
        assertThatThrownBy(() -> cipher.open(tampered)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.open("v1:%%%")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void values_stored_before_a_key_was_configured_are_returned_as_they_are() {
        assertThat(cipher.open("whsec_plain_legacy_value")).isEqualTo("whsec_plain_legacy_value");
    }

    @Test
    void keys_must_be_32_bytes_of_base64() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> AesGcmSecretCipher.fromBase64(shortKey))
                .hasMessage("HR_SECRET_KEY: must be base64 of 32 random bytes, got 16 bytes");
        assertThatThrownBy(() -> AesGcmSecretCipher.fromBase64("not base64!"))
                .hasMessage("HR_SECRET_KEY: must be base64 of 32 random bytes");
        byte[] key = new byte[32];
        random.nextBytes(key);
        assertThat(AesGcmSecretCipher.fromBase64(Base64.getUrlEncoder().encodeToString(key)).open(
                AesGcmSecretCipher.fromBase64(Base64.getEncoder().encodeToString(key)).seal("x-secret")))
                .isEqualTo("x-secret");
    }
}
