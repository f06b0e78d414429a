package dev.handoffrail.http.route;

import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.packet.StorableText;
import dev.handoffrail.core.packet.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed access to the query string with the contract's rules (http-api.md §1.3, §6.1): every malformed value is
 * {@code 400 VALIDATION_ERROR} whose {@code field} is the parameter name. A parameter sent several times reads as
 * its values joined by commas. Immutable.
 */
public final class QueryParams {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private final Map<String, List<String>> values;

    /** Refuses ({@code 400}) any parameter name or value that breaks the {@link StorableText} rule. */
    public QueryParams(Map<String, List<String>> values) {
        values.forEach((name, all) -> {
            StorableText.require("query", name);
            all.forEach(value -> StorableText.require(name, value));
        });
        this.values = Map.copyOf(values);
    }

    /** The raw value, or empty when the parameter is absent. */
    public Optional<String> string(String name) {
        List<String> all = values.get(name);
        if (all == null || all.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(",", all));
    }

    /** Every value of a repeatable parameter, in order ({@code subscribe=a&subscribe=b}). */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** {@code limit}: integer 1–200, default 50. */
    public int limit() {
        return integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT, "must be an integer between 1 and " + MAX_LIMIT);
    }

    /** {@code offset}: integer ≥ 0, default 0. */
    public int offset() {
        return integer("offset", 0, 0, Integer.MAX_VALUE, "must be an integer >= 0");
    }

    /** An integer in {@code [min, max]}, or {@code fallback} when absent. */
    public int integer(String name, int fallback, int min, int max, String message) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get().trim());
            if (value < min || value > max) {
                throw ValidationException.of(name, message);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ValidationException.of(name, message);
        }
    }

    /** {@code true} or {@code false} exactly; null when absent. */
    public Boolean bool(String name) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return null;
        }
        return switch (raw.get()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ValidationException.of(name, "must be true or false");
        };
    }

    /** An RFC 3339 timestamp (offset optional, UTC assumed); null when absent. */
    public Instant timestamp(String name) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return null;
        }
        return Timestamps.parse(raw.get())
                .orElseThrow(() -> ValidationException.of(name, "must be an RFC 3339 timestamp"));
    }

    /** The comma-separated items, trimmed, empty ones dropped; empty when absent. */
    public List<String> csv(String name) {
        Optional<String> raw = string(name);
        List<String> items = new ArrayList<>();
        if (raw.isPresent()) {
            for (String item : raw.get().split(",")) {
                String trimmed = item.trim();
                if (!trimmed.isEmpty()) {
                    items.add(trimmed);
                }
            }
        }
        return items;
    }

    /**
     * Each comma-separated item parsed by {@code parser}; an unknown item is {@code 400} with
     * {@code must be one of: <allowed>}.
     */
    public <E> Set<E> csvOf(String name, Function<String, Optional<E>> parser, String allowed) {
        Set<E> parsed = new LinkedHashSet<>();
        for (String item : csv(name)) {
            parsed.add(parser.apply(item).orElseThrow(() -> unknown(name, allowed)));
        }
        return parsed;
    }

    /** One value parsed by {@code parser}; null when absent, {@code 400} when unknown. */
    public <E> E one(String name, Function<String, Optional<E>> parser, String allowed) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) {
            return null;
        }
        return parser.apply(raw.get().trim()).orElseThrow(() -> unknown(name, allowed));
    }

    private static ValidationException unknown(String name, String allowed) {
        return ValidationException.of(name, "must be one of: " + allowed);
    }
}
