package dev.handoffrail.core.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract's timestamps (http-api.md §1.3). {@link Timestamps} formats and parses the common form by hand; these
 * tests hold it to exactly what {@code java.time}'s formatters answer, over seeded random and edge inputs.
 */
class TimestampsTest {
    private static final DateTimeFormatter REFERENCE_OUTPUT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter REFERENCE_LOCAL = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .toFormatter();

    @Test
    void format_writes_utc_with_six_fraction_digits() {
        assertThat(Timestamps.format(Instant.parse("2026-05-30T19:35:00.123456789Z")))
                .isEqualTo("2026-05-30T19:35:00.123456Z");
        assertThat(Timestamps.format(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05.000000Z");
        assertThat(Timestamps.format(null)).isNull();
    }

    @Test
    void format_matches_the_java_time_formatter_for_random_and_edge_instants() {
        Random random = new Random(20_261_207L);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("1000-01-01T00:00:00Z"),
                Instant.parse("0999-12-31T23:59:59.999999Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("2024-02-29T12:00:00.000001Z"),
                Instant.parse("-0001-06-01T00:00:00Z")));
        long from = Instant.parse("0900-01-01T00:00:00Z").getEpochSecond();
        long until = Instant.parse("+10100-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            instants.add(Instant.ofEpochSecond(from + (long) (random.nextDouble() * (until - from)),
                    random.nextInt(1_000_000_000)));
        }

        for (Instant instant : instants) {
            assertThat(Timestamps.format(instant)).as("%s", instant).isEqualTo(REFERENCE_OUTPUT.format(instant));
        }
    }

    @Test
    void parse_accepts_offsets_and_local_times_as_utc() {
        assertThat(Timestamps.parse("2026-05-30T21:35:00+02:00")).contains(Instant.parse("2026-05-30T19:35:00Z"));
        assertThat(Timestamps.parse("2026-05-30 19:35:00.5")).contains(Instant.parse("2026-05-30T19:35:00.5Z"));
        assertThat(Timestamps.parse("2026-05-30t19:35:00z")).contains(Instant.parse("2026-05-30T19:35:00Z"));
        assertThat(Timestamps.parse("2026-02-30T00:00:00Z")).isEmpty();
        assertThat(Timestamps.parse("yesterday")).isEmpty();
        assertThat(Timestamps.parse(null)).isEmpty();
    }

    @Test
    void parse_matches_the_java_time_parsers_for_random_valid_and_broken_timestamps() {
        Random random = new Random(20_261_208L);
        List<String> texts = new ArrayList<>(List.of("2026-05-30T19:35:00Z", "2026-05-30T19:35:00.Z",
                "2026-05-30T19:35:00.1234567890Z", "2026-05-30T24:00:00Z", "2026-05-30T23:59:60Z",
                "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-04-31T00:00:00Z", "2023-02-29T00:00:00Z",
                "2024-02-29T00:00:00Z", "0000-01-01T00:00:00Z", "2026-05-30T19:35:00z", "2026-05-30T19:35:00",
                "2026-05-30T19:35Z", "2026-5-30T19:35:00Z", "+2026-05-30T19:35:00Z", "2026-05-30T19:35:00.5+01:00",
                "2026-05-30T1a:35:00Z", "２０２６-05-30T19:35:00Z", "2026-05-30T19:35:00.-1Z"));
        char[] noise = "0123456789-:.TZz+ ".toCharArray();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d",
                    random.nextInt(10_000), 1 + random.nextInt(13), 1 + random.nextInt(31), random.nextInt(25),
                    random.nextInt(61), random.nextInt(61)));
            int digits = random.nextInt(11);
            if (digits > 0) {
                text.append('.');
                for (int d = 1; d < digits; d++) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
            text.append(random.nextInt(5) == 0 ? "+05:30" : "Z");
            if (random.nextInt(4) == 0) {
                text.setCharAt(random.nextInt(text.length()), noise[random.nextInt(noise.length)]);
            }
            texts.add(text.toString());
        }

        for (String text : texts) {
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(reference(text));
        }
    }

    /** What the parser answered before its hand-written fast path. */
    private static Optional<Instant> reference(String text) {
        if (text == null || text.length() < 19 || text.length() > 64) {
            return Optional.empty();
        }
        String normalised = text.length() > 10 && (text.charAt(10) == 't' || text.charAt(10) == ' ')
                ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            return Optional.of(OffsetDateTime.parse(normalised, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException withOffsetFailed) {
            try {
                return Optional.of(LocalDateTime.parse(normalised, REFERENCE_LOCAL).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }
}
