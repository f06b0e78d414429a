package dev.handoffrail.core.packet;

import java.util.Locale;
import java.util.Optional;

/** What kind of thing a dependency is. */
public enum DependencyType {
    DATA, API, HUMAN_APPROVAL, EXTERNAL_EVENT, RESOURCE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DependencyType> fromWire(String value) {
        for (DependencyType t : values()) {
            if (t.wireName().equals(value)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
