package dev.handoffrail.core.packet;

import java.util.Locale;
import java.util.Optional;

/** Whether a dependency is available. */
public enum DependencyStatus {
    BLOCKED, AVAILABLE, UNKNOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DependencyStatus> fromWire(String value) {
        for (DependencyStatus s : values()) {
            if (s.wireName().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
