package dev.handoffrail.core.packet;

import java.util.Locale;
import java.util.Optional;

/** Who said a conversation entry. */
public enum ConversationRole {
    USER, AGENT, SYSTEM, HUMAN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ConversationRole> fromWire(String value) {
        for (ConversationRole r : values()) {
            if (r.wireName().equals(value)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
