package dev.handoffrail.core.audit;

import java.util.Locale;
import java.util.Optional;

/** What an audit entry is about. Packet entries are the packets' history events. */
public enum AuditResource {
    PACKET, API_KEY, WEBHOOK, TENANT, SCHEMA;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AuditResource> fromWire(String value) {
        for (AuditResource r : values()) {
            if (r.wireName().equals(value)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
