package dev.handoffrail.core.packet;

import java.util.List;
import java.util.Set;

/**
 * A full-text search (http-api.md §9.4). {@code words} are the already normalised search words of
 * {@link SearchTerms#words(String)}: all must match (with English stemming) in the summary, tags,
 * conversation contents or decisions. Order: relevance, then {@code created_at} descending.
 */
public record SearchQuery(List<String> words, Set<PacketStatus> statuses, Priority priority, int limit, int offset) {
    public SearchQuery {
        words = List.copyOf(words);
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }
}
