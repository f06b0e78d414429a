package dev.handoffrail.client.model;

import java.time.Instant;
import java.util.List;

/**
 * Filters of {@code GET /packets} (http-api.md §9.2) and the page size. Start from {@link #all()}; every
 * {@code with...} returns a new query. {@code null} members are not sent.
 */
public record PacketQuery(List<PacketStatus> statuses, String sourceAgent, String targetAgent, List<String> tags,
                          Priority priority, Boolean hitlRequired, Instant createdAfter, Instant createdBefore,
                          int limit) {
    public PacketQuery {
        statuses = Copies.list(statuses);
        tags = Copies.list(tags);
        if (limit < 1 || limit > 200) {
            throw new IllegalArgumentException("limit must be between 1 and 200, got " + limit);
        }
    }

    /** Every packet, 50 a page. */
    public static PacketQuery all() {
        return new PacketQuery(List.of(), null, null, List.of(), null, null, null, null, 50);
    }

    public PacketQuery withStatus(PacketStatus... values) {
        return new PacketQuery(List.of(values), sourceAgent, targetAgent, tags, priority, hitlRequired,
                createdAfter, createdBefore, limit);
    }

    public PacketQuery withSourceAgent(String value) {
        return new PacketQuery(statuses, value, targetAgent, tags, priority, hitlRequired, createdAfter,
                createdBefore, limit);
    }

    public PacketQuery withTargetAgent(String value) {
        return new PacketQuery(statuses, sourceAgent, value, tags, priority, hitlRequired, createdAfter,
                createdBefore, limit);
    }

    public PacketQuery withTags(String... values) {
        return new PacketQuery(statuses, sourceAgent, targetAgent, List.of(values), priority, hitlRequired,
                createdAfter, createdBefore, limit);
    }

    public PacketQuery withPriority(Priority value) {
        return new PacketQuery(statuses, sourceAgent, targetAgent, tags, value, hitlRequired, createdAfter,
                createdBefore, limit);
    }

    public PacketQuery withHitlRequired(Boolean value) {
        return new PacketQuery(statuses, sourceAgent, targetAgent, tags, priority, value, createdAfter,
                createdBefore, limit);
    }

    public PacketQuery withCreatedBetween(Instant after, Instant before) {
        return new PacketQuery(statuses, sourceAgent, targetAgent, tags, priority, hitlRequired, after, before,
                limit);
    }

    public PacketQuery withLimit(int value) {
        return new PacketQuery(statuses, sourceAgent, targetAgent, tags, priority, hitlRequired, createdAfter,
                createdBefore, value);
    }
}
