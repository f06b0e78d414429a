package dev.handoffrail.persistence.sql;

import dev.handoffrail.core.json.Json;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketRepresentation;
import dev.handoffrail.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a packet: its wire representation (http-api.md §7.2) as one JSON document, which
 * {@link PacketRepresentation#fromJson} reads back losslessly. The fields it does not show (tenant, revision,
 * chain depth, status change time) come from columns, as does everything filtered or sorted on.
 */
final class PacketDocument {
    private PacketDocument() {
    }

    static String write(Packet packet) {
        return Json.write(PacketRepresentation.toJson(packet));
    }

    @SuppressWarnings("unchecked")
    static Packet read(PacketRow row) {
        Map<String, Object> json = (Map<String, Object>) Json.parse(row.body(), Integer.MAX_VALUE);
        return PacketRepresentation.fromJson(json, new TenantId(row.tenantId()), row.revision(), row.chainDepth(),
                Micros.toInstant(row.statusChangedAt()));
    }

    /** The text full-text search looks at (http-api.md §9.4): summary, tags, conversation and decisions. */
    static String searchText(Packet packet) {
        List<String> parts = new ArrayList<>();
        parts.add(packet.context().summary());
        parts.addAll(packet.tags());
        packet.context().conversationState().forEach(e -> parts.add(e.content()));
        packet.decisions().forEach(d -> parts.add(d.decision()));
        return String.join("\n", parts);
    }
}
