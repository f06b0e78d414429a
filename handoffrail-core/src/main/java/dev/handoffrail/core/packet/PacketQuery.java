package dev.handoffrail.core.packet;

import java.time.Instant;
import java.util.Set;

/**
 * Filters and paging of the packet list (http-api.md §9.2). Null or empty filters match everything;
 * {@code statuses} is OR-matched, {@code tags} must all be present. With a {@code cursor}, {@code offset} is
 * ignored; text filters must be {@link StorableText storable}. {@code oldestFirst} orders by {@code created_at} ascending (the human queue) instead of descending.
 */
public record PacketQuery(Set<PacketStatus> statuses, String sourceAgent, String targetAgent, Set<String> tags,
                          Priority priority, Boolean hitlRequired, Instant createdAfter, Instant createdBefore,
                          int limit, int offset, PacketCursor cursor, boolean oldestFirst) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public PacketQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        StorableText.require("source_agent", sourceAgent);
        StorableText.require("target_agent", targetAgent);
        for (String tag : tags) {
            StorableText.require("tags", tag);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
    }

    public static PacketQuery all() {
        return new PacketQuery(Set.of(), null, null, Set.of(), null, null, null, null, DEFAULT_LIMIT, 0, null, false);
    }

    /** The tenant's packets in {@code awaiting_human}, oldest first. */
    public static PacketQuery awaitingHuman(int limit, int offset) {
        return new PacketQuery(Set.of(PacketStatus.AWAITING_HUMAN), null, null, Set.of(), null, null, null, null,
                limit, offset, null, true);
    }

    public PacketQuery withPage(int newLimit, int newOffset, PacketCursor newCursor) {
        return new PacketQuery(statuses, sourceAgent, targetAgent, tags, priority, hitlRequired, createdAfter,
                createdBefore, newLimit, newOffset, newCursor, oldestFirst);
    }

    /** Whether {@code packet} passes every filter (ignores paging); in-memory adapters and tests use it. */
    public boolean matches(Packet packet) {
        if (!statuses.isEmpty() && !statuses.contains(packet.status())) {
            return false;
        }
        if (sourceAgent != null && !sourceAgent.equals(packet.sourceAgent().id())) {
            return false;
        }
        if (targetAgent != null && !targetAgent.equals(packet.targetAgent().id())) {
            return false;
        }
        if (!packet.tags().containsAll(tags)) {
            return false;
        }
        if (priority != null && priority != packet.priority()) {
            return false;
        }
        if (hitlRequired != null) {
            boolean required = packet.hitl() != null && packet.hitl().required();
            if (required != hitlRequired) {
                return false;
            }
        }
        if (createdAfter != null && packet.createdAt().isBefore(createdAfter)) {
            return false;
        }
        return createdBefore == null || !packet.createdAt().isAfter(createdBefore);
    }
}
