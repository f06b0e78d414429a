package dev.handoffrail.client.model;

import java.util.List;

/**
 * Filters of {@code POST /packets/claim-next} (http-api.md §9.15): {@code targetAgent} (null: the claimant's id,
 * {@code "*"}: any), required {@code tags}, and how long the server may wait for a packet (0–30 s).
 */
public record ClaimNextOptions(String targetAgent, List<String> tags, int waitSeconds) {
    public ClaimNextOptions {
        tags = Copies.list(tags);
        if (waitSeconds < 0 || waitSeconds > 30) {
            throw new IllegalArgumentException("waitSeconds must be between 0 and 30, got " + waitSeconds);
        }
    }

    /** Packets addressed to the claimant, no tags, no waiting. */
    public static ClaimNextOptions defaults() {
        return new ClaimNextOptions(null, List.of(), 0);
    }

    public ClaimNextOptions withTargetAgent(String value) {
        return new ClaimNextOptions(value, tags, waitSeconds);
    }

    public ClaimNextOptions withTags(String... values) {
        return new ClaimNextOptions(targetAgent, List.of(values), waitSeconds);
    }

    public ClaimNextOptions withWaitSeconds(int value) {
        return new ClaimNextOptions(targetAgent, tags, value);
    }
}
