package dev.handoffrail.core.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A receiver's {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an HTTP date. Pure and stateless.
 */
public final class RetryAfter {
    /** Longest accepted delay-seconds text; anything longer is far beyond every schedule anyway. */
    private static final int MAX_DIGITS = 9;

    private RetryAfter() {
    }

    /**
     * The wait the header asks for, measured from {@code now} (an HTTP date in the past means zero); empty when
     * the header is absent or malformed.
     */
    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return value.length() > MAX_DIGITS ? Optional.of(Duration.ofSeconds(999_999_999L))
                    : Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException malformed) {
            return Optional.empty();
        }
    }
}
