package dev.handoffrail.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The packet priorities (http-api.md §7.1), lowest first; {@link #wireName()} is the JSON spelling. */
public enum Priority {
    LOW, NORMAL, HIGH, CRITICAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant spelled {@code wire}; case-insensitive. */
    @JsonCreator
    public static Priority fromWire(String wire) {
        return WireNames.parse(Priority.class, wire);
    }
}
