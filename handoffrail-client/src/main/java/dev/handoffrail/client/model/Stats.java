package dev.handoffrail.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The tenant's statistics (http-api.md §15.1); {@code avgClaimTimeSeconds} is null when nothing was claimed. */
public record Stats(long totalPackets, Map<String, Long> packetsByStatus,
                    @JsonProperty("packets_last_24h") long packetsLast24h, Double avgClaimTimeSeconds,
                    long hitlQueueDepth, long activeWsConnections, long activeSseConnections) {
    public Stats {
        packetsByStatus = Copies.map(packetsByStatus);
    }
}
