package dev.handoffrail.client.model;

import java.util.List;

/** The outcome of {@code POST /packets/batch/complete}. */
public record BatchCompleteResult(List<Packet> completed, List<BatchItemError> errors) {
    public BatchCompleteResult {
        completed = Copies.list(completed);
        errors = Copies.list(errors);
    }
}
