package dev.handoffrail.core.audit;

import java.util.List;

/** A page of audit entries (newest first) and the number matching the filters. */
public record AuditPage(List<AuditEntry> entries, long total) {
    public AuditPage {
        entries = List.copyOf(entries);
    }
}
