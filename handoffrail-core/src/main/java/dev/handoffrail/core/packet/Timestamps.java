package dev.handoffrail.core.packet;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The contract's timestamp rules (http-api.md §1.3): output is UTC with exactly six fractional digits and
 * {@code Z}; input accepts any RFC 3339 offset, and a timestamp without an offset is taken as UTC.
 */
public final class Timestamps {
    private static final DateTimeFormatter OUTPUT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();

    private Timestamps() {
    }

    /** {@code 2026-05-30T19:35:00.123456Z}; null stays null. */
    public static String format(Instant instant) {
        return instant == null ? null : OUTPUT.format(instant);
    }

    /** Parses RFC 3339 with any offset, or without one (UTC); empty when the text is not such a timestamp. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.length() < 19 || text.length() > 64) {
            return Optional.empty();
        }
        String normalised = text.length() > 10 && (text.charAt(10) == 't' || text.charAt(10) == ' ')
                ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            return Optional.of(OffsetDateTime.parse(normalised, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException withOffsetFailed) {
            try {
                return Optional.of(LocalDateTime.parse(normalised, LOCAL).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    /** {@code instant} truncated to the microsecond precision that every store and response keeps. */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
