package dev.handoffrail.core.webhook;

import java.util.Locale;
import java.util.Optional;

/** Where a delivery stands: queued, retry scheduled, done, or given up. */
public enum DeliveryStatus {
    PENDING, FAILED, DELIVERED, DEAD_LETTER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryStatus> fromWire(String value) {
        for (DeliveryStatus s : values()) {
            if (s.wireName().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
