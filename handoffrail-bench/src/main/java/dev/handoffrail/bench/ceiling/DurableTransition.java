package dev.handoffrail.bench.ceiling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * One durable claim or complete of a packet the durable-writes ceiling created: which packet, which step, who
 * claims and when. Immutable. The product keeps the status, the target agent and the step's time inside the stored
 * document as well as in columns, so {@link #rewrite} applies the step to the document as stored.
 *
 * @param id        the packet id
 * @param step      claim or complete
 * @param agentId   the claimant (claim), or null (complete: the target agent stays)
 * @param agentName the claimant's name, or null
 * @param framework the claimant's framework, or null
 * @param at        when the step happens, at microsecond precision
 */
record DurableTransition(UUID id, Step step, String agentId, String agentName, String framework, Instant at) {

    /** A status change of the lifecycle: from which status, to which, and the time it stamps. */
    enum Step {
        /** {@code created → claimed}; the claimant becomes the target agent. */
        CLAIM("created", "claimed", "claimed_at"),
        /** {@code claimed → completed}. */
        COMPLETE("claimed", "completed", "completed_at");

        final String from;
        final String to;
        /** The column, and the member of the document's {@code metadata}, holding when the step happened. */
        final String timeField;
        /** The audit row's details: constant per step, as the create's. */
        final String auditDetails;

        Step(String from, String to, String timeField) {
            this.from = from;
            this.to = to;
            this.timeField = timeField;
            this.auditDetails = "{\"from_status\":\"" + from + "\",\"to_status\":\"" + to + "\"}";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    DurableTransition {
        Objects.requireNonNull(id);
        Objects.requireNonNull(step);
        Objects.requireNonNull(at);
        if (step == Step.CLAIM && agentId == null) {
            throw new IllegalArgumentException("agent_id is required");
        }
    }

    /** {@code agentId} claims packet {@code id} at {@code at}. */
    static DurableTransition claim(UUID id, String agentId, String agentName, String framework, Instant at) {
        return new DurableTransition(id, Step.CLAIM, agentId, agentName, framework,
                at.truncatedTo(ChronoUnit.MICROS));
    }

    /** Packet {@code id} is completed at {@code at}. */
    static DurableTransition complete(UUID id, Instant at) {
        return new DurableTransition(id, Step.COMPLETE, null, null, null, at.truncatedTo(ChronoUnit.MICROS));
    }

    /** {@link #at} in microseconds since the epoch. */
    long atMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    /**
     * The stored document with this step applied: {@code status}, {@code updated_at}, {@code metadata.claimed_at}
     * or {@code metadata.completed_at}, and for a claim {@code metadata.target_agent} = the claimant.
     */
    String rewrite(String storedBody) {
        try {
            JsonNode parsed = JSON.readTree(storedBody);
            if (!(parsed instanceof ObjectNode document) || !(document.get("metadata") instanceof ObjectNode)) {
                throw new IllegalStateException("stored packet " + id + " is not a packet document");
            }
            ObjectNode metadata = (ObjectNode) document.get("metadata");
            String time = at.toString();
            document.put("status", step.to);
            document.put("updated_at", time);
            metadata.put(step.timeField, time);
            if (step == Step.CLAIM) {
                ObjectNode target = metadata.putObject("target_agent");
                target.put("id", agentId);
                target.put("name", agentName);
                target.put("framework", framework);
            }
            return JSON.writeValueAsString(document);
        } catch (IOException e) {
            throw new IllegalStateException("stored packet " + id + " is not JSON", e);
        }
    }

    /**
     * What a transition did. {@code CHANGED}: committed, {@code body} is the new document; {@code REFUSED}: the
     * packet is in {@code status}, not in the step's {@code from}, nothing written; {@code NOT_FOUND}: no such
     * packet.
     */
    record Outcome(Result result, String status, String body) {
        enum Result { CHANGED, REFUSED, NOT_FOUND }

        static Outcome changed(String status, String body) {
            return new Outcome(Result.CHANGED, status, body);
        }

        static Outcome refused(String status) {
            return new Outcome(Result.REFUSED, status, null);
        }

        static Outcome notFound() {
            return new Outcome(Result.NOT_FOUND, null, null);
        }
    }
}
