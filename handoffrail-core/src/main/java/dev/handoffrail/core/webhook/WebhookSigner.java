package dev.handoffrail.core.webhook;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.handoffrail.core.event.EventType;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries (http-api.md §18.2, §18.3, and the Standard Webhooks headers) with HMAC-SHA256 keyed
 * by the secret's UTF-8 bytes, and verifies the V2 signature as a receiver should. Pure and stateless: time comes from the arguments or a clock.
 */
public final class WebhookSigner {
    /** Largest accepted distance between a V2 signature's timestamp and now. */
    public static final long TOLERANCE_SECONDS = 300;

    private static final Pattern V2 = Pattern.compile("t=([0-9]{1,18}),sha256=([0-9a-fA-F]{64})");

    private WebhookSigner() {
    }

    /** {@code sha256=} and the lower-case hex HMAC of the exact body bytes. */
    public static String signatureV1(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, new byte[0], body));
    }

    /** {@code t=<unixSeconds>,sha256=} and the lower-case hex HMAC of {@code <unixSeconds>.<body>}. */
    public static String signatureV2(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",sha256=" + HexFormat.of().formatHex(v2Mac(secret, unixSeconds, body));
    }

    /**
     * The Standard Webhooks signature of one secret: {@code v1,} and the base64 HMAC of
     * {@code <deliveryId>.<unixSeconds>.<body>}, keyed by the secret's UTF-8 bytes (the same key as
     * {@code X-HR-Signature}).
     */
    public static String standardSignature(String secret, DeliveryId delivery, long unixSeconds, byte[] body) {
        byte[] prefix = (delivery + "." + unixSeconds + ".").getBytes(US_ASCII);
        return "v1," + Base64.getEncoder().encodeToString(hmac(secret, prefix, body));
    }

    /** The headers of one attempt signed with a single secret (no rotation in progress). */
    public static Map<String, String> headers(EventType type, DeliveryId delivery, int attempt, long unixSeconds,
                                              String secret, byte[] body) {
        return headers(type, delivery, attempt, unixSeconds, List.of(secret), body);
    }

    /**
     * The eleven headers of one attempt, in the contract's order: the {@code X-HR-*} ones signed with the first
     * (current) secret, then the Standard Webhooks ones ({@code webhook-id} is the delivery id, stable across
     * attempts) with one space-separated {@code v1,} signature per secret, so that a receiver still holding a
     * previous secret verifies during a rotation's grace period. {@code attempt} is 1-based.
     */
    public static Map<String, String> headers(EventType type, DeliveryId delivery, int attempt, long unixSeconds,
                                              List<String> secrets, byte[] body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("an attempt is signed with at least one secret");
        }
        String secret = secrets.get(0);
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are numbered from 1");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "HandoffRail-Webhook/1");
        headers.put("X-HR-Event", type.wireName());
        headers.put("X-HR-Delivery-ID", delivery.toString());
        headers.put("X-HR-Attempt", Integer.toString(attempt));
        headers.put("X-HR-Timestamp", Long.toString(unixSeconds));
        headers.put("X-HR-Signature", signatureV1(secret, body));
        headers.put("X-HR-Signature-V2", signatureV2(secret, unixSeconds, body));
        headers.put("webhook-id", delivery.toString());
        headers.put("webhook-timestamp", Long.toString(unixSeconds));
        headers.put("webhook-signature", secrets.stream()
                .map(key -> standardSignature(key, delivery, unixSeconds, body))
                .collect(Collectors.joining(" ")));
        return Collections.unmodifiableMap(headers);
    }

    /**
     * Whether {@code header} is a well-formed V2 signature of {@code body} under {@code secret}, made no more than
     * {@link #TOLERANCE_SECONDS} from the clock's now. The MACs are compared in constant time.
     */
    public static boolean verifyV2(String secret, String header, byte[] body, Clock clock) {
        if (header == null) {
            return false;
        }
        Matcher matcher = V2.matcher(header);
        if (!matcher.matches()) {
            return false;
        }
        long timestamp = Long.parseLong(matcher.group(1));
        if (Math.abs(clock.instant().getEpochSecond() - timestamp) > TOLERANCE_SECONDS) {
            return false;
        }
        byte[] presented = HexFormat.of().parseHex(matcher.group(2));
        return MessageDigest.isEqual(v2Mac(secret, timestamp, body), presented);
    }

    private static byte[] v2Mac(String secret, long unixSeconds, byte[] body) {
        return hmac(secret, (unixSeconds + ".").getBytes(US_ASCII), body);
    }

    private static byte[] hmac(String secret, byte[] prefix, byte[] body) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret is never empty");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK provides HmacSHA256", e);
        }
    }
}
