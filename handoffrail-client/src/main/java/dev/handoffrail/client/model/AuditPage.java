package dev.handoffrail.client.model;

import java.util.List;

/** One page of audit entries, newest first. */
public record AuditPage(List<AuditEntry> entries, long total, int limit, int offset) {
    public AuditPage {
        entries = Copies.list(entries);
    }
}
