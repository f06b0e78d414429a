package dev.handoffrail.bench.ceiling;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * What the durable-writes ceiling stores for one create: the indexed columns taken from the parsed body, the
 * search text and the rendered document. Immutable.
 *
 * @param id              the packet id
 * @param tenantId        the tenant (fixed: the ceiling has one)
 * @param sourceAgentId   {@code metadata.source_agent.id}
 * @param targetAgentId   {@code metadata.target_agent.id}
 * @param priorityRank    {@code metadata.priority} as the product ranks it (low 0, normal 1, high 2, critical 3)
 * @param tags            {@code metadata.tags}, without repeats
 * @param searchText      summary, tags, conversation contents and decisions, one per line, as the product indexes
 * @param createdAtMicros creation time in microseconds since the epoch
 * @param body            the document as stored and answered
 */
record DurablePacket(UUID id, String tenantId, String sourceAgentId, String targetAgentId, int priorityRank,
        List<String> tags, String searchText, long createdAtMicros, String body) {

    /** The one tenant of the ceiling. */
    static final String TENANT = "ceiling";
    /** The status every created packet starts in. */
    static final String STATUS = "created";
    private static final List<String> PRIORITIES = List.of("low", "normal", "high", "critical");

    DurablePacket {
        tags = List.copyOf(tags);
    }

    /**
     * The columns of {@code document}, a parsed create body that already carries its {@code id}; {@code body} is
     * that document rendered. {@link IllegalArgumentException} when an agent id is missing.
     */
    static DurablePacket of(UUID id, Instant createdAt, JsonNode document, String body) {
        JsonNode metadata = document.path("metadata");
        String source = metadata.path("source_agent").path("id").textValue();
        String target = metadata.path("target_agent").path("id").textValue();
        if (source == null || target == null) {
            throw new IllegalArgumentException("metadata.source_agent.id and metadata.target_agent.id are required");
        }
        Set<String> tags = new LinkedHashSet<>();
        metadata.path("tags").forEach(tag -> tags.add(tag.asText()));
        int rank = PRIORITIES.indexOf(metadata.path("priority").asText("normal").toLowerCase(Locale.ROOT));
        return new DurablePacket(id, TENANT, source, target, rank < 0 ? 1 : rank, List.copyOf(tags),
                searchText(document, tags), ChronoUnit.MICROS.between(Instant.EPOCH, createdAt), body);
    }

    /** The UTC day of the creation, the key of the daily counter. */
    String day() {
        return Instant.EPOCH.plus(createdAtMicros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC).toLocalDate()
                .toString();
    }

    private static String searchText(JsonNode document, Set<String> tags) {
        List<String> parts = new ArrayList<>();
        JsonNode context = document.path("context");
        parts.add(context.path("summary").asText(""));
        parts.addAll(tags);
        context.path("conversation_state").forEach(turn -> parts.add(turn.path("content").asText("")));
        document.path("decisions").forEach(decision -> parts.add(decision.path("decision").asText("")));
        return String.join("\n", parts);
    }
}
