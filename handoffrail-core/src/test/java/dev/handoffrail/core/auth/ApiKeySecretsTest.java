package dev.handoffrail.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeySecretsTest {
    private static final String KEY = "hr_Qm3xZ0000000000000000000000000000000000000";
    private static final String KEY_HASH = "457a1b20d1c8d6ee99665756d22850e5954fbd8b14068b73d341b192a9cda176";

    /** Hands out fixed bytes, so the encoding can be checked against an independently computed value. */
    private static SecureRandom fixedBytes(byte[] bytes) {
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] out) {
                System.arraycopy(bytes, 0, out, 0, out.length);
            }
        };
    }

    @Test
    void a_generated_key_is_hr_and_the_unpadded_base64url_of_32_random_bytes() {
        byte[] ascending = new byte[32];
        for (int i = 0; i < 32; i++) {
            ascending[i] = (byte) i;
        }

        assertThat(ApiKeySecrets.generate(fixedBytes(ascending)))
                .isEqualTo("hr_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8");
    }

    @Test
    void a_generated_key_uses_the_url_safe_alphabet() {
        byte[] ones = new byte[32];
        java.util.Arrays.fill(ones, (byte) 0xff);

        assertThat(ApiKeySecrets.generate(fixedBytes(ones))).isEqualTo("hr_" + "_".repeat(42) + "8");
    }

    @Test
    void a_thousand_generated_keys_are_distinct_and_all_have_the_key_shape() {
        SecureRandom random = new SecureRandom();
        Set<String> keys = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = ApiKeySecrets.generate(random);
            assertThat(key).hasSize(46).matches("hr_[A-Za-z0-9_-]{43}");
            assertThat(ApiKeySecrets.hasKeyShape(key)).isTrue();
            assertThat(ApiKeySecrets.isValidBootstrapKey(key)).isTrue();
            keys.add(key);
            prefixes.add(ApiKeySecrets.prefix(key));
        }

        assertThat(keys).hasSize(1000);
        // 5 random characters give 2^30 prefixes: a thousand keys should almost never share one
        assertThat(prefixes).hasSizeGreaterThan(990);
    }

    @ParameterizedTest
    @CsvSource({
        "abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        KEY + ", " + KEY_HASH,
        "hr_é, b5fa19279225b47ab6a9f127b2e8a16f2d0d0fd267a4a6cbe5fa3091ce12d5a0"})
    void the_hash_is_the_lower_case_hex_sha256_of_the_utf8_key(String key, String expected) {
        assertThat(ApiKeySecrets.hash(key)).isEqualTo(expected);
    }

    @Test
    void a_presented_key_matches_only_its_own_hash() {
        assertThat(ApiKeySecrets.matches(KEY, KEY_HASH)).isTrue();
        assertThat(ApiKeySecrets.matches(KEY + "x", KEY_HASH)).isFalse();
        assertThat(ApiKeySecrets.matches(KEY, KEY_HASH.toUpperCase())).isFalse();
        assertThat(ApiKeySecrets.matches(KEY, KEY_HASH.substring(1))).isFalse();
        assertThat(ApiKeySecrets.matches(null, KEY_HASH)).isFalse();
        assertThat(ApiKeySecrets.matches(KEY, null)).isFalse();
    }

    @Test
    void the_prefix_is_the_first_eight_characters() {
        assertThat(ApiKeySecrets.prefix(KEY)).isEqualTo("hr_Qm3xZ");
        assertThatThrownBy(() -> ApiKeySecrets.prefix("hr_abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hr_abcdefghijklmnopqrstuvwxyz012345", "hr_________________________________-",
        "hr_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"})
    void bootstrap_keys_of_32_or_more_base64url_characters_are_valid(String value) {
        assertThat(ApiKeySecrets.isValidBootstrapKey(value)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "hr_abcdefghijklmnopqrstuvwxyz01234", "HR_abcdefghijklmnopqrstuvwxyz012345",
        "hr-abcdefghijklmnopqrstuvwxyz012345", "hr_abcdefghijklmnopqrstuvwxyz01234+",
        "hr_abcdefghijklmnopqrstuvwxyz012345=", " hr_abcdefghijklmnopqrstuvwxyz012345",
        "hr_abcdefghijklmnopqrstuvwxyz012345\n"})
    void other_bootstrap_values_are_invalid(String value) {
        assertThat(ApiKeySecrets.isValidBootstrapKey(value)).isFalse();
    }

    @Test
    void a_bootstrap_key_longer_than_any_key_that_can_authenticate_is_invalid() {
        assertThat(ApiKeySecrets.isValidBootstrapKey("hr_" + "a".repeat(253))).isTrue();
        assertThat(ApiKeySecrets.isValidBootstrapKey("hr_" + "a".repeat(254))).isFalse();
    }

    @Test
    void the_key_shape_accepts_up_to_256_characters() {
        assertThat(ApiKeySecrets.hasKeyShape("hr_" + "a".repeat(32))).isTrue();
        assertThat(ApiKeySecrets.hasKeyShape("hr_" + "a".repeat(253))).isTrue();
        assertThat(ApiKeySecrets.hasKeyShape("hr_" + "a".repeat(254))).isFalse();
        assertThat(ApiKeySecrets.hasKeyShape("hr_" + "a".repeat(100_000))).isFalse();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "hr_", "hr_short", "Bearer hr_abcdefghijklmnopqrstuvwxyz012345",
        "hr_abcdefghijklmnopqrstuvwxyz01234/", "xx_abcdefghijklmnopqrstuvwxyz012345",
        "hr_abcdefghijklmnopqrstuvwxyz01234é"})
    void values_without_the_key_shape_are_refused_before_hashing(String value) {
        assertThat(ApiKeySecrets.hasKeyShape(value)).isFalse();
    }
}
