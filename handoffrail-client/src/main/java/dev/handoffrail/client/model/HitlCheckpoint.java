package dev.handoffrail.client.model;

import java.time.Instant;
import java.util.List;

/**
 * A human-in-the-loop checkpoint. On input only {@code required} (default true), {@code reason}, {@code question},
 * {@code options} and {@code timeoutSeconds} count; the response fields are server-controlled (set by respond).
 */
public record HitlCheckpoint(Boolean required, String reason, String question, List<String> options,
                             Integer timeoutSeconds, String response, Instant respondedAt, String respondedBy,
                             String notes) {
    public HitlCheckpoint {
        options = Copies.listOrNull(options);
    }

    /** A required checkpoint asking {@code question}, answered with one of {@code options} (none: free text). */
    public static HitlCheckpoint required(String reason, String question, List<String> options) {
        return new HitlCheckpoint(true, reason, question, options, null, null, null, null, null);
    }

    /** This checkpoint expiring the packet after {@code seconds} in {@code awaiting_human}. */
    public HitlCheckpoint withTimeoutSeconds(int seconds) {
        return new HitlCheckpoint(required, reason, question, options, seconds, response, respondedAt, respondedBy,
                notes);
    }
}
