package dev.handoffrail.core.packet;

import java.time.DateTimeException;
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

    /** The instants {@link #format} writes without {@code java.time}'s formatter: years 1000 to 9999. */
    private static final long FAST_FROM = LocalDateTime.of(1000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long FAST_UNTIL = LocalDateTime.of(10_000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);

    /** {@code 2026-05-30T19:35:00.123456Z}; null stays null. */
    public static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        long seconds = instant.getEpochSecond();
        if (seconds < FAST_FROM || seconds >= FAST_UNTIL) {
            return OUTPUT.format(instant);
        }
        // every response and stored packet writes several timestamps: a formatter costs ten times this
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, instant.getNano(), ZoneOffset.UTC);
        char[] out = "0000-00-00T00:00:00.000000Z".toCharArray();
        digits(out, 0, 4, t.getYear());
        digits(out, 5, 2, t.getMonthValue());
        digits(out, 8, 2, t.getDayOfMonth());
        digits(out, 11, 2, t.getHour());
        digits(out, 14, 2, t.getMinute());
        digits(out, 17, 2, t.getSecond());
        digits(out, 20, 6, t.getNano() / 1_000);
        return new String(out);
    }

    private static void digits(char[] out, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Parses RFC 3339 with any offset, or without one (UTC); empty when the text is not such a timestamp. */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.length() < 19 || text.length() > 64) {
            return Optional.empty();
        }
        String normalised = text.length() > 10 && (text.charAt(10) == 't' || text.charAt(10) == ' ')
                ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        Instant utc = parseUtc(normalised);
        if (utc != null) {
            return Optional.of(utc);
        }
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

    /**
     * The common form {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} without {@code java.time}'s parser (validation parses
     * every timestamp of a packet); null for anything else, which the full parser then decides.
     */
    private static Instant parseUtc(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = number(text, 20, fraction);
            for (int i = fraction; i < 9 && nanos > 0; i++) {
                nanos *= 10;
            }
        }
        if ((year | month | day | hour | minute | second | nanos) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    /** The decimal number of {@code width} ASCII digits at {@code at}; -1 if any is not a digit. */
    private static int number(String text, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** {@code instant} truncated to the microsecond precision that every store and response keeps. */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
