package dev.handoffrail.http.packet;

import dev.handoffrail.core.json.JsonWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON request bodies for the packet endpoints. */
final class PacketBodies {
    private PacketBodies() {
    }

    /** A minimal valid packet input from {@code source} to {@code target}. */
    static Map<String, Object> packet(String source, String target, String summary) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("source_agent", Map.of("id", source, "name", source + "-bot"));
        metadata.put("target_agent", Map.of("id", target, "name", target + "-bot"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("metadata", metadata);
        body.put("context", Map.of("summary", summary,
                "conversation_state", List.of(Map.of("role", "user", "content", summary))));
        return body;
    }

    static String packetJson(String source, String target, String summary) {
        return JsonWriter.write(packet(source, target, summary));
    }

    /** A packet input that starts in {@code awaiting_human} with the given options. */
    static String checkpointJson(String source, String target, List<String> options) {
        Map<String, Object> body = new LinkedHashMap<>(packet(source, target, "Needs approval"));
        body.put("hitl", Map.of("reason", "Refund exceeds policy", "options", options));
        return JsonWriter.write(body);
    }

    static String with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> body = new LinkedHashMap<>(base);
        body.put(key, value);
        return JsonWriter.write(body);
    }

    static String claimant(String agentId) {
        return JsonWriter.write(Map.of("agent_id", agentId, "agent_name", agentId + "-bot", "framework", "crewai"));
    }
}
