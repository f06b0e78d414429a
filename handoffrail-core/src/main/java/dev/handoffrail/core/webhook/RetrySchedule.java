package dev.handoffrail.core.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The delays between webhook attempts (http-api.md §18.4, {@code HR_WEBHOOK_RETRY_SCHEDULE}): attempt 1 is
 * immediate, each failure waits the next delay, and after {@link #maxAttempts()} failures the delivery is
 * dead-lettered. Immutable.
 */
public final class RetrySchedule {
    private static final String VARIABLE = "HR_WEBHOOK_RETRY_SCHEDULE";
    private static final Pattern DELAY = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");

    private final List<Duration> delays;

    private RetrySchedule(List<Duration> delays) {
        this.delays = List.copyOf(delays);
        for (Duration delay : this.delays) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("a retry delay is never negative");
            }
        }
    }

    /** 1 s, 5 s, 30 s, 5 min, 1 h, 6 h: seven attempts in all. */
    public static RetrySchedule defaults() {
        return of(List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(6)));
    }

    public static RetrySchedule of(List<Duration> delays) {
        return new RetrySchedule(delays);
    }

    /**
     * Parses comma-separated whole-number delays with a unit of {@code ms}, {@code s}, {@code m}, {@code h} or
     * {@code d}, e.g. {@code 1s,5s,30s,5m,1h,6h}; errors start with {@code HR_WEBHOOK_RETRY_SCHEDULE: }.
     */
    public static RetrySchedule parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(VARIABLE + ": empty; expected delays such as 1s,5s,30s,5m,1h,6h");
        }
        List<Duration> delays = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            Matcher matcher = DELAY.matcher(item.strip());
            if (!matcher.matches()) {
                throw new IllegalArgumentException(VARIABLE + ": invalid delay '" + item.strip()
                        + "' (expected a whole number and a unit ms, s, m, h or d, e.g. 30s)");
            }
            delays.add(durationOf(Long.parseLong(matcher.group(1)), matcher.group(2)));
        }
        return new RetrySchedule(delays);
    }

    public List<Duration> delays() {
        return delays;
    }

    /** The number of attempts before dead-lettering: one more than there are delays. */
    public int maxAttempts() {
        return delays.size() + 1;
    }

    /**
     * The wait before the next attempt once {@code attemptsMade} (≥ 1) attempts have failed; empty when none is
     * left and the delivery goes to the dead-letter queue.
     */
    public Optional<Duration> delayAfterAttempt(int attemptsMade) {
        if (attemptsMade < 1) {
            throw new IllegalArgumentException("attemptsMade counts failed attempts, from 1");
        }
        return attemptsMade >= maxAttempts() ? Optional.empty() : Optional.of(delays.get(attemptsMade - 1));
    }

    /**
     * Like {@link #delayAfterAttempt(int)}, honouring a receiver's {@code Retry-After}: a wait it asks for that is
     * longer than the scheduled delay replaces it, capped by the schedule's last step; a shorter one is ignored.
     * It never adds an attempt: after the last one the delivery is still dead-lettered.
     */
    public Optional<Duration> delayAfterAttempt(int attemptsMade, Optional<Duration> receiverAsked) {
        return delayAfterAttempt(attemptsMade).map(scheduled -> {
            if (receiverAsked.isEmpty() || receiverAsked.get().compareTo(scheduled) <= 0) {
                return scheduled;
            }
            Duration cap = delays.get(delays.size() - 1);
            Duration asked = receiverAsked.get().compareTo(cap) > 0 ? cap : receiverAsked.get();
            return asked.compareTo(scheduled) > 0 ? asked : scheduled;
        });
    }

    /** The schedule in the variable's own notation, e.g. {@code 1s,5s,30s,5m,1h,6h}. */
    @Override
    public String toString() {
        return delays.stream().map(RetrySchedule::format).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RetrySchedule schedule && schedule.delays.equals(delays);
    }

    @Override
    public int hashCode() {
        return delays.hashCode();
    }

    private static Duration durationOf(long amount, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalStateException("unit " + unit + " is in the pattern but not handled");
        };
    }

    private static String format(Duration delay) {
        long millis = delay.toMillis();
        if (millis == 0) {
            return "0s";
        }
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis % sizes[i] == 0) {
                return millis / sizes[i] + units[i];
            }
        }
        return millis + "ms";
    }
}
