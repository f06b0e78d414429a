package dev.handoffrail.adapters.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver-side verifier written from the published Standard Webhooks specification
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md), independent of the
 * rail's signer, as a receiver would use it: the secret is {@code whsec_} and the base64 of the key bytes; the
 * signed content is {@code <webhook-id>.<webhook-timestamp>.<body>}; {@code webhook-signature} holds
 * space-separated {@code v1,<base64>} signatures, any of which may match; timestamps more than five minutes from
 * now are refused. ({@code com.standardwebhooks:standardwebhooks} does not resolve in this build's repository.)
 */
final class StandardWebhooksVerifier {
    private static final long TOLERANCE_SECONDS = 5 * 60;
    private final byte[] key;

    StandardWebhooksVerifier(String whsecSecret) {
        String encoded = whsecSecret.startsWith("whsec_") ? whsecSecret.substring("whsec_".length()) : whsecSecret;
        this.key = Base64.getDecoder().decode(encoded);
    }

    /** The {@code whsec_} form of a HandoffRail secret: its UTF-8 bytes are the key. */
    static StandardWebhooksVerifier forHandoffRailSecret(String secret) {
        return new StandardWebhooksVerifier("whsec_" + Base64.getEncoder().encodeToString(secret.getBytes(UTF_8)));
    }

    /** Throws {@link IllegalArgumentException} naming the reason when the request does not verify. */
    void verify(byte[] body, Map<String, String> lowerCaseHeaders, Instant now) {
        String id = lowerCaseHeaders.get("webhook-id");
        String timestamp = lowerCaseHeaders.get("webhook-timestamp");
        String signatures = lowerCaseHeaders.get("webhook-signature");
        if (id == null || timestamp == null || signatures == null) {
            throw new IllegalArgumentException("Missing required headers");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid Signature Headers");
        }
        if (now.getEpochSecond() - seconds > TOLERANCE_SECONDS) {
            throw new IllegalArgumentException("Message timestamp too old");
        }
        if (seconds - now.getEpochSecond() > TOLERANCE_SECONDS) {
            throw new IllegalArgumentException("Message timestamp too new");
        }
        byte[] expected = mac((id + "." + seconds + ".").getBytes(UTF_8), body);
        for (String versioned : signatures.split(" ")) {
            String[] parts = versioned.split(",", 2);
            if (parts.length == 2 && parts[0].equals("v1")
                    && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                return;
            }
        }
        throw new IllegalArgumentException("No matching signature found");
    }

    private byte[] mac(byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
