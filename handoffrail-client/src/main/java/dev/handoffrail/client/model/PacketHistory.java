package dev.handoffrail.client.model;

import java.util.List;

/** A packet's history, oldest first. */
public record PacketHistory(String packetId, List<HistoryEvent> events) {
    public PacketHistory {
        events = Copies.list(events);
    }
}
