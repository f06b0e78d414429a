package dev.handoffrail.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The seven packet statuses (http-api.md §8); {@link #wireName()} is the JSON spelling. */
public enum PacketStatus {
    CREATED, CLAIMED, IN_PROGRESS, AWAITING_HUMAN, COMPLETED, FAILED, EXPIRED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status spelled {@code wire} ({@code in_progress}); case-insensitive. */
    @JsonCreator
    public static PacketStatus fromWire(String wire) {
        return WireNames.parse(PacketStatus.class, wire);
    }

    /** Whether nothing but expiry can follow (completed, failed, expired). */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == EXPIRED;
    }
}
