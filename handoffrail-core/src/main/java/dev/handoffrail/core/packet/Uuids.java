package dev.handoffrail.core.packet;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Strict parsing of the canonical 36-character UUID form used for every resource id, and the generation of
 * time-ordered ids for the rows that accumulate (packets, history and audit entries, deliveries).
 */
public final class Uuids {
    private static final Pattern CANONICAL =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Random RANDOM = new SecureRandom();

    private Uuids() {
    }

    /** The UUID, if {@code text} is 8-4-4-4-12 hex digits (either case); otherwise empty. Never throws. */
    public static Optional<UUID> parseCanonical(String text) {
        if (text == null || !CANONICAL.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text.toLowerCase(Locale.ROOT)));
    }

    /**
     * A new version 7 UUID (RFC 9562): the current Unix time in milliseconds, then 74 random bits. Ids made later
     * sort after earlier ones (to the millisecond), in a database's uuid order as in their text, so a table's
     * primary key index takes each new row at its right edge instead of at a random page; with random (version 4)
     * ids every insert touched a random leaf of an index that outgrows memory as rows accumulate. The random bits
     * come from a {@link SecureRandom}, as {@link UUID#randomUUID()}'s do.
     */
    public static UUID timeOrdered() {
        return timeOrdered(System.currentTimeMillis(), RANDOM);
    }

    /** A version 7 UUID for the time {@code epochMillis}, its 74 random bits from {@code random}. */
    static UUID timeOrdered(long epochMillis, Random random) {
        long randomA = random.nextInt(1 << 12);
        long randomB = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL;
        long most = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | randomA;
        long least = 0x8000_0000_0000_0000L | randomB;
        return new UUID(most, least);
    }
}
