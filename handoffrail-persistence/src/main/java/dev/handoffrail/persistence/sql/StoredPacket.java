package dev.handoffrail.persistence.sql;


import java.util.List;
import java.util.Map;

/**
 * The storage document of a packet in the {@code packets.body} column, owned by this adapter and independent of
 * the API's representation. Its member names are those of the layout rows were first written in (the v1 API
 * document), so those rows read as format 1 without a data migration; their {@code version} and {@code _links}
 * members are ignored. Enums are their wire names, instants {@code Timestamps.format} text, free-form members
 * plain JSON values. New rows carry {@link #FORMAT}; a later incompatible layout raises it and reads both.
 */
record StoredPacket(Integer storageFormat, String id, String parentPacketId, String schemaId, String status,
                    Metadata metadata, Context context, List<StoredDecision> decisions, StoredActions actions,
                    List<StoredDependency> dependencies, Hitl hitl, String createdAt, String updatedAt,
                    StoredLease lease) {
    static final int FORMAT = 1;

    record Metadata(Agent sourceAgent, Agent targetAgent, String claimedAt, String completedAt, String priority,
                    List<String> tags) {
    }

    record Agent(String id, String name, String framework, String version) {
    }

    record Context(String summary, List<Turn> conversationState, List<StoredArtifact> artifacts,
                   Map<String, Object> custom) {
    }

    record Turn(String role, String content, String timestamp, Map<String, Object> metadata) {
    }

    record StoredArtifact(String key, Object value, String contentType) {
    }

    record StoredDecision(String id, String decision, String rationale, List<String> alternatives,
                          String decidedBy, String timestamp) {
    }

    record StoredActions(List<Pending> pending, List<Completed> completed, List<Failed> failed) {
    }

    record Pending(String id, String description, String assignee, String priority, List<String> dependsOn,
                   String deadline) {
    }

    record Completed(String id, String description, String result, String completedBy, String completedAt) {
    }

    record Failed(String id, String description, String error, Integer retriesRemaining) {
    }

    record StoredDependency(String id, String type, String description, String status, String source) {
    }

    /**
     * The claim lease (issue 14), absent on packets that never held one: the SHA-256 of the token (never the token),
     * its expiry and length while held, the target agent before the leased claim, the releases so far and the
     * previous claimant.
     */
    record StoredLease(String tokenHash, String expiresAt, Long seconds, Agent queuedTarget, Integer releases,
                       Agent previousClaimant) {
    }

    record Hitl(boolean required, String reason, String question, List<String> options, Integer timeoutSeconds,
                String response, String respondedAt, String respondedBy, String notes) {
    }
}
