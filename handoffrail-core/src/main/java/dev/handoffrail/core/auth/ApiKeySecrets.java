package dev.handoffrail.core.auth;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * API key secrets (http-api.md §2.1): {@code hr_} followed by 43 base64url characters of 32 random bytes, stored
 * only as the lower-case hex SHA-256 of the key's UTF-8 bytes. Stateless and thread-safe.
 */
public final class ApiKeySecrets {
    /** Every key starts with this. */
    public static final String KEY_PREFIX = "hr_";
    /** Length of a generated key. */
    public static final int KEY_LENGTH = 46;
    /** Length of the displayed {@code key_prefix}. */
    public static final int PREFIX_LENGTH = 8;

    private static final int RANDOM_BYTES = 32;
    private static final int MAX_KEY_LENGTH = 256;
    private static final Pattern BOOTSTRAP = Pattern.compile("^hr_[A-Za-z0-9_-]{32,253}$");
    private static final Pattern SHAPE = Pattern.compile("hr_[A-Za-z0-9_-]{32," + (MAX_KEY_LENGTH - 3) + "}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private ApiKeySecrets() {
    }

    /** A new key from 32 bytes of {@code random}. */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return KEY_PREFIX + BASE64URL.encodeToString(bytes);
    }

    /** The lower-case hex SHA-256 of the key's UTF-8 bytes: the only form in which a key is stored. */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /** Whether {@code presented} hashes to {@code storedHash}, compared in constant time; null never matches. */
    public static boolean matches(String presented, String storedHash) {
        if (presented == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(presented).getBytes(US_ASCII), storedHash.getBytes(US_ASCII));
    }

    /** The first 8 characters, shown in listings as {@code key_prefix}. */
    public static String prefix(String key) {
        if (key.length() < PREFIX_LENGTH) {
            throw new IllegalArgumentException("a key has at least " + PREFIX_LENGTH + " characters");
        }
        return key.substring(0, PREFIX_LENGTH);
    }

    /**
     * Whether {@code HR_BOOTSTRAP_ADMIN_KEY} is acceptable: {@code ^hr_[A-Za-z0-9_-]{32,}$}, and at most 256
     * characters in all, the longest key that {@link #hasKeyShape} lets authenticate.
     */
    public static boolean isValidBootstrapKey(String value) {
        return value != null && BOOTSTRAP.matcher(value).matches();
    }

    /**
     * A cheap check before hashing a presented key: {@code hr_} and 32 to 253 base64url characters, which every
     * generated or bootstrap key satisfies. A false answer means no stored key can match.
     */
    public static boolean hasKeyShape(String value) {
        return value != null && value.length() <= MAX_KEY_LENGTH && SHAPE.matcher(value).matches();
    }
}
