package dev.handoffrail.client;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 as a webhook sender computes it, for the verifier's tests. */
final class TestMacs {
    private TestMacs() {
    }

    static String hex(String secret, String message) {
        return HexFormat.of().formatHex(mac(secret, message));
    }

    static String base64(String secret, String message) {
        return Base64.getEncoder().encodeToString(mac(secret, message));
    }

    private static byte[] mac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
