package dev.handoffrail.http.packet;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketCursors;
import dev.handoffrail.core.packet.PacketPage;
import dev.handoffrail.core.packet.PacketRepresentation;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.ItemError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Response bodies of the packet endpoints built around the core's {@link PacketRepresentation}: packet lists
 * (§7.3), history (§7.4, §9.11) and batch results (§9.12). Stateless.
 */
final class PacketJson {
    private PacketJson() {
    }

    static Map<String, Object> packet(Packet packet) {
        return PacketRepresentation.toJson(packet);
    }

    static List<Map<String, Object>> packets(List<Packet> packets) {
        return packets.stream().map(PacketRepresentation::toJson).toList();
    }

    /** {@code {packets, total, limit, offset, next_cursor}} with limit and offset as applied. */
    static Map<String, Object> page(PacketPage page, int limit, int offset) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("packets", packets(page.packets()));
        json.put("total", page.total());
        json.put("limit", limit);
        json.put("offset", offset);
        json.put("next_cursor", page.nextCursor() == null ? null : PacketCursors.encode(page.nextCursor()));
        return json;
    }

    /** {@code {packet_id, events}}, events in the order given. */
    static Map<String, Object> history(String packetId, List<AuditEntry> events) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("packet_id", packetId);
        json.put("events", events.stream().map(PacketJson::event).toList());
        return json;
    }

    private static Map<String, Object> event(AuditEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", entry.id().toString());
        json.put("packet_id", entry.packetId() == null ? null : entry.packetId().toString());
        json.put("event_type", entry.action());
        json.put("actor", entry.actor());
        json.put("details", entry.details());
        json.put("timestamp", Timestamps.format(entry.timestamp()));
        json.put("api_key_id", entry.apiKeyId() == null ? null : entry.apiKeyId().toString());
        return json;
    }

    /** {@code {<name>: [packets], errors: [...]}}; create errors carry {@code index}, the others {@code packet_id}. */
    static Map<String, Object> batch(String name, List<Packet> done, List<ItemError> errors) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(name, packets(done));
        json.put("errors", errors.stream().map(PacketJson::itemError).toList());
        return json;
    }

    private static Map<String, Object> itemError(ItemError error) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (error.index() != null) {
            json.put("index", error.index());
        }
        if (error.packetId() != null) {
            json.put("packet_id", error.packetId().toString());
        }
        json.put("code", error.code().wireName());
        json.put("error", error.error());
        return json;
    }
}
