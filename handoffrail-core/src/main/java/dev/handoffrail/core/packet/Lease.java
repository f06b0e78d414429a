package dev.handoffrail.core.packet;

import dev.handoffrail.core.error.FieldError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A packet's claim lease (issue 14), part of the aggregate. While {@link #held() held}, the claimant proves it still
 * owns the packet with a bearer token of which only the SHA-256 hash ({@code tokenHash}) is kept; the sweeper
 * returns the packet to {@code created} once {@code expiresAt} has passed. {@code seconds} is the length of the
 * lease (a heartbeat without a length extends by it), {@code queuedTarget} the target agent the packet had before
 * the leased claim (restored on release). {@code releases} and {@code previousClaimant} survive the hold: how
 * often the packet was released, and by whom it was last held. Immutable.
 */
public record Lease(String tokenHash, Instant expiresAt, long seconds, AgentInfo queuedTarget, int releases,
                    AgentInfo previousClaimant) {
    /** No lease was ever held. */
    public static final Lease NONE = new Lease(null, null, 0, null, 0, null);
    /** The shortest and longest lease a claim may ask for, in seconds. */
    public static final long MIN_SECONDS = 5;
    public static final long MAX_SECONDS = 86_400;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;

    public Lease {
        if ((tokenHash == null) != (expiresAt == null)) {
            throw new IllegalArgumentException("a held lease has both a token hash and an expiry");
        }
        if (releases < 0) {
            throw new IllegalArgumentException("releases must be >= 0");
        }
    }

    /** Whether a claimant holds the lease (it may have expired and not yet been released). */
    public boolean held() {
        return tokenHash != null;
    }

    /** Whether the lease is held and has run out at {@code now}. */
    public boolean expiredAt(Instant now) {
        return held() && !expiresAt.isAfter(now);
    }

    /** A new hold of {@code length} from {@code now} for the token hashed as {@code tokenHash}. */
    Lease heldBy(String hash, Duration length, Instant now, AgentInfo targetBefore) {
        return new Lease(hash, now.plus(length), length.toSeconds(), targetBefore, releases, previousClaimant);
    }

    /** The hold extended to {@code length} from {@code now}. */
    Lease extended(Duration length, Instant now) {
        return new Lease(tokenHash, now.plus(length), length.toSeconds(), queuedTarget, releases, previousClaimant);
    }

    /** No longer held (the packet left its worked-on statuses); the release history is kept. */
    Lease dropped() {
        return held() ? new Lease(null, null, 0, null, releases, previousClaimant) : this;
    }

    /** Released by the sweeper: not held, one more release, {@code claimant} recorded. */
    Lease released(AgentInfo claimant) {
        return new Lease(null, null, 0, null, releases + 1, claimant);
    }

    /** Whether {@code token} is the held lease's token; compared in constant time. */
    public boolean acceptsToken(String token) {
        if (!held() || token == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
                tokenHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** A new unguessable token: 256 random bits, base64url without padding. */
    public static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of {@code token}, lower-case hex: what is stored instead of the token. */
    public static String hash(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** The problems of a requested lease length on field {@code lease_seconds}; empty when null or valid. */
    public static List<FieldError> problems(Duration length) {
        if (length == null) {
            return List.of();
        }
        if (length.compareTo(Duration.ofSeconds(MIN_SECONDS)) < 0) {
            return List.of(new FieldError("lease_seconds", FieldMessages.atLeast(MIN_SECONDS)));
        }
        if (length.compareTo(Duration.ofSeconds(MAX_SECONDS)) > 0) {
            return List.of(new FieldError("lease_seconds", FieldMessages.atMost(MAX_SECONDS)));
        }
        return List.of();
    }
}
