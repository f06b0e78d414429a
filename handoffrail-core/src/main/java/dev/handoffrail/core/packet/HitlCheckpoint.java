package dev.handoffrail.core.packet;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A human-in-the-loop checkpoint. The first five fields are client-controlled; {@code response},
 * {@code respondedAt}, {@code respondedBy} and {@code notes} are written only by respond.
 * {@code options} is null or a list of allowed responses.
 */
public record HitlCheckpoint(boolean required, String reason, String question, List<String> options,
                             Integer timeoutSeconds, String response, Instant respondedAt, String respondedBy,
                             String notes) {
    public HitlCheckpoint {
        requireNonNull(reason, "reason");
        options = options == null ? null : List.copyOf(options);
    }

    /** A checkpoint with only client-controlled fields set. */
    public static HitlCheckpoint of(boolean required, String reason, String question, List<String> options,
                                    Integer timeoutSeconds) {
        return new HitlCheckpoint(required, reason, question, options, timeoutSeconds, null, null, null, null);
    }

    /** This checkpoint with the response fields cleared, as on entering {@code awaiting_human}. */
    public HitlCheckpoint cleared() {
        return of(required, reason, question, options, timeoutSeconds);
    }

    /** The client-controlled fields of {@code replacement}, keeping this checkpoint's response fields. */
    public HitlCheckpoint replacedBy(HitlCheckpoint replacement) {
        return new HitlCheckpoint(replacement.required, replacement.reason, replacement.question,
                replacement.options, replacement.timeoutSeconds, response, respondedAt, respondedBy, notes);
    }

    public HitlCheckpoint answered(String response, String respondedBy, String notes, Instant at) {
        return new HitlCheckpoint(required, reason, question, options, timeoutSeconds, response, at, respondedBy,
                notes);
    }

    /** Whether {@code candidate} is an acceptable response: any, unless {@code options} is non-empty. */
    public boolean accepts(String candidate) {
        return options == null || options.isEmpty() || options.contains(candidate);
    }
}
