package dev.handoffrail.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The tenant tiers (http-api.md §5.1); {@link #wireName()} is the JSON spelling. */
public enum Tier {
    FREE, PRO, BUSINESS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant spelled {@code wire}; case-insensitive. */
    @JsonCreator
    public static Tier fromWire(String wire) {
        return WireNames.parse(Tier.class, wire);
    }
}
