package dev.handoffrail.core.event;

import dev.handoffrail.core.packet.PacketStatus;
import java.util.Optional;

/** The eleven event types carried by real-time streams and webhooks (http-api.md §17.3). */
public enum EventType {
    PACKET_CREATED("packet.created"),
    PACKET_CHAINED("packet.chained"),
    PACKET_CLAIMED("packet.claimed"),
    PACKET_IN_PROGRESS("packet.in_progress"),
    PACKET_AWAITING_HUMAN("packet.awaiting_human"),
    PACKET_COMPLETED("packet.completed"),
    PACKET_FAILED("packet.failed"),
    PACKET_EXPIRED("packet.expired"),
    PACKET_UPDATED("packet.updated"),
    /** An expired claim lease returned the packet to {@code created} (issue 14). */
    PACKET_RELEASED("packet.released"),
    HITL_RESPONSE_READY("hitl.response_ready");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The {@code packet.<status>} event of a transition into {@code status}. */
    public static EventType forTransitionTo(PacketStatus status) {
        return switch (status) {
            case CREATED -> PACKET_CREATED;
            case CLAIMED -> PACKET_CLAIMED;
            case IN_PROGRESS -> PACKET_IN_PROGRESS;
            case AWAITING_HUMAN -> PACKET_AWAITING_HUMAN;
            case COMPLETED -> PACKET_COMPLETED;
            case FAILED -> PACKET_FAILED;
            case EXPIRED -> PACKET_EXPIRED;
        };
    }

    public static Optional<EventType> fromWire(String value) {
        for (EventType t : values()) {
            if (t.wireName.equals(value)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
