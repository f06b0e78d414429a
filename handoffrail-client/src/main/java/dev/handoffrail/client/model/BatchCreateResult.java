package dev.handoffrail.client.model;

import java.util.List;

/** The outcome of {@code POST /packets/batch}: the created packets in request order, and the failed items. */
public record BatchCreateResult(List<Packet> created, List<BatchItemError> errors) {
    public BatchCreateResult {
        created = Copies.list(created);
        errors = Copies.list(errors);
    }
}
