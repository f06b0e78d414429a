package dev.handoffrail.core.event;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * A real-time subscription channel (http-api.md §17.2): {@code status:<status>}, {@code packet:<packet id>} or
 * {@code agent:<agent id>}, the value non-empty. Immutable; {@link #toString()} is the wire form.
 */
public record Channel(Kind kind, String value) {
    public Channel {
        requireNonNull(kind, "kind");
        requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("channel value must not be empty");
        }
    }

    /** The three kinds of channel, by their wire prefix. */
    public enum Kind {
        STATUS("status"),
        PACKET("packet"),
        AGENT("agent");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    /** The channel written as {@code text}; empty when it is not one of the three forms with a non-empty value. */
    public static Optional<Channel> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon < 0 || colon == text.length() - 1) {
            return Optional.empty();
        }
        String prefix = text.substring(0, colon);
        for (Kind kind : Kind.values()) {
            if (kind.prefix.equals(prefix)) {
                return Optional.of(new Channel(kind, text.substring(colon + 1)));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code event} belongs to this channel: its {@code data.status}, its packet id, or the id of its
     * metadata's source or target agent equals the value.
     */
    public boolean matches(DomainEvent event) {
        return switch (kind) {
            case STATUS -> value.equals(event.data().get("status"));
            case PACKET -> value.equals(event.packetId().toString());
            case AGENT -> event.data().get("metadata") instanceof Map<?, ?> metadata
                    && (agentIs(metadata.get("source_agent")) || agentIs(metadata.get("target_agent")));
        };
    }

    private boolean agentIs(Object agent) {
        return agent instanceof Map<?, ?> fields && value.equals(fields.get("id"));
    }

    @Override
    public String toString() {
        return kind.prefix + ":" + value;
    }
}
