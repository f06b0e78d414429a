package dev.handoffrail.client.model;

import java.time.Instant;
import java.util.Map;

/** One entry of a packet's history (http-api.md §7.4, vocabulary in §9.14). */
public record HistoryEvent(String id, String packetId, String eventType, String actor, Map<String, Object> details,
                           Instant timestamp, String apiKeyId) {
    public HistoryEvent {
        details = Copies.map(details);
    }
}
