package dev.handoffrail.client;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook request came from HandoffRail, for receivers. Pass the raw body bytes exactly as received
 * and the request headers (names in any case). Accepted, in this order of preference:
 * <ul>
 *   <li>Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature:
 *       v1,<base64 HMAC-SHA256(secret, id + "." + timestamp + "." + body)>} (several space-separated signatures
 *       may be sent; one matching is enough);</li>
 *   <li>{@code X-HR-Signature-V2: t=<unix seconds>,sha256=<hex HMAC-SHA256(secret, t + "." + body)>}
 *       (http-api.md §18.3);</li>
 *   <li>{@code X-HR-Signature: sha256=<hex HMAC-SHA256(secret, body)>}, only when
 *       {@link Builder#acceptUntimedSignature(boolean)} allows it: it has no replay protection.</li>
 * </ul>
 * Timestamps further than the tolerance (default 300 s) from now are refused. MACs are compared in constant time.
 * The secret is the webhook's secret as registered, keyed as its UTF-8 bytes. Immutable and thread-safe.
 */
public final class WebhookVerifier {
    private static final Pattern V2 = Pattern.compile("t=([0-9]{1,18}),sha256=([0-9a-fA-F]{64})");
    private static final Pattern V1 = Pattern.compile("sha256=([0-9a-fA-F]{64})");

    private final byte[] secret;
    private final Duration tolerance;
    private final Clock clock;
    private final boolean acceptUntimed;

    private WebhookVerifier(Builder builder) {
        this.secret = builder.secret.getBytes(UTF_8);
        this.tolerance = builder.tolerance;
        this.clock = builder.clock;
        this.acceptUntimed = builder.acceptUntimed;
    }

    /** A verifier with the defaults: 300 s tolerance, the system clock, no untimed signatures. */
    public static WebhookVerifier of(String secret) {
        return builder(secret).build();
    }

    public static Builder builder(String secret) {
        return new Builder(secret);
    }

    /** Whether the request is authentic; {@link #verify} says why not. */
    public boolean isValid(Map<String, String> headers, byte[] body) {
        try {
            verify(headers, body);
            return true;
        } catch (WebhookVerificationException e) {
            return false;
        }
    }

    /** Returns normally when the request is authentic, else throws with the reason. */
    public void verify(Map<String, String> headers, byte[] body) {
        Objects.requireNonNull(body, "body");
        Map<String, String> named = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            if (name != null && value != null) {
                named.put(name, value);
            }
        });
        if (named.containsKey("webhook-signature")) {
            verifyStandard(named, body);
        } else if (named.containsKey("X-HR-Signature-V2")) {
            verifyV2(named.get("X-HR-Signature-V2"), body);
        } else if (named.containsKey("X-HR-Signature")) {
            if (!acceptUntimed) {
                throw new WebhookVerificationException("only the untimed X-HR-Signature was sent; "
                        + "X-HR-Signature-V2 or webhook-signature is required");
            }
            Matcher matcher = V1.matcher(named.get("X-HR-Signature").trim());
            if (!matcher.matches() || !MessageDigest.isEqual(hmac(new byte[0], body),
                    HexFormat.of().parseHex(matcher.group(1).toLowerCase(Locale.ROOT)))) {
                throw new WebhookVerificationException("X-HR-Signature does not match the body");
            }
        } else {
            throw new WebhookVerificationException("no signature header");
        }
    }

    private void verifyStandard(Map<String, String> headers, byte[] body) {
        String id = headers.get("webhook-id");
        String timestamp = headers.get("webhook-timestamp");
        if (id == null || timestamp == null) {
            throw new WebhookVerificationException("webhook-id and webhook-timestamp are required");
        }
        checkTimestamp(timestamp.trim());
        byte[] expected = hmac((id + "." + timestamp.trim() + ".").getBytes(UTF_8), body);
        for (String signature : headers.get("webhook-signature").trim().split(" +")) {
            int comma = signature.indexOf(',');
            if (comma < 0 || !signature.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] presented;
            try {
                presented = Base64.getDecoder().decode(signature.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, presented)) {
                return;
            }
        }
        throw new WebhookVerificationException("no webhook-signature matches the body");
    }

    private void verifyV2(String header, byte[] body) {
        Matcher matcher = V2.matcher(header.trim());
        if (!matcher.matches()) {
            throw new WebhookVerificationException("X-HR-Signature-V2 is malformed");
        }
        checkTimestamp(matcher.group(1));
        byte[] expected = hmac((matcher.group(1) + ".").getBytes(US_ASCII), body);
        if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(matcher.group(2).toLowerCase(Locale.ROOT)))) {
            throw new WebhookVerificationException("X-HR-Signature-V2 does not match the body");
        }
    }

    private void checkTimestamp(String text) {
        long seconds;
        try {
            seconds = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("the timestamp is not a number of seconds");
        }
        long distance = Math.abs(clock.instant().getEpochSecond() - seconds);
        if (distance > tolerance.toSeconds()) {
            throw new WebhookVerificationException("the timestamp is " + distance + " s away from now (tolerance "
                    + tolerance.toSeconds() + " s)");
        }
    }

    private byte[] hmac(byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides HmacSHA256", e);
        }
    }

    /** Configures a verifier. Not thread-safe. */
    public static final class Builder {
        private final String secret;
        private Duration tolerance = Duration.ofSeconds(300);
        private Clock clock = Clock.systemUTC();
        private boolean acceptUntimed;

        private Builder(String secret) {
            if (secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("a webhook secret is never empty");
            }
            this.secret = secret;
        }

        public Builder tolerance(Duration value) {
            this.tolerance = Objects.requireNonNull(value);
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** Also accept {@code X-HR-Signature} alone (no timestamp, so no replay protection). Off by default. */
        public Builder acceptUntimedSignature(boolean value) {
            this.acceptUntimed = value;
            return this;
        }

        public WebhookVerifier build() {
            return new WebhookVerifier(this);
        }
    }
}
