package dev.handoffrail.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The roles of an API key (http-api.md §3.1), lowest first; {@link #wireName()} is the JSON spelling. */
public enum Role {
    READER, AGENT, WRITER, ADMIN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant spelled {@code wire}; case-insensitive. */
    @JsonCreator
    public static Role fromWire(String wire) {
        return WireNames.parse(Role.class, wire);
    }
}
