package dev.handoffrail.core.packet;

import java.util.Locale;
import java.util.Optional;

/** Packet priority; {@link #rank()} orders claim-next (critical first). */
public enum Priority {
    LOW(0), NORMAL(1), HIGH(2), CRITICAL(3);

    private final int rank;

    Priority(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Priority> fromWire(String value) {
        for (Priority p : values()) {
            if (p.wireName().equals(value)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
