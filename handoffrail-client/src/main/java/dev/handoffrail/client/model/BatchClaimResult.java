package dev.handoffrail.client.model;

import java.util.List;

/** The outcome of {@code POST /packets/batch/claim}. */
public record BatchClaimResult(List<Packet> claimed, List<BatchItemError> errors) {
    public BatchClaimResult {
        claimed = Copies.list(claimed);
        errors = Copies.list(errors);
    }
}
