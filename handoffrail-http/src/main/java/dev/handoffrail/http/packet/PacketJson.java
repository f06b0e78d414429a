package dev.handoffrail.http.packet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketCursors;
import dev.handoffrail.core.packet.PacketPage;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.port.in.BatchPacketsUseCase.ItemError;
import dev.handoffrail.core.port.in.ClaimPacketUseCase.ClaimedPacket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Response bodies of the packet endpoints, as records Jackson writes in declaration order: packets
 * ({@link PacketResponse}, §7.2), packet lists (§7.3), history (§7.4, §9.11) and batch results (§9.12). Stateless.
 */
final class PacketJson {
    private PacketJson() {
    }

    static PacketResponse packet(Packet packet) {
        return PacketResponse.of(packet);
    }

    /**
     * A claim's answer: the packet as always, plus {@code lease: {token, expires_at}} when the claim took a lease
     * (issue 14). Without a lease the body is exactly {@link #packet}.
     */
    static Object claimed(ClaimedPacket claimed) {
        PacketResponse packet = PacketResponse.of(claimed.packet());
        if (claimed.leaseToken() == null) {
            return packet;
        }
        return new LeasedPacket(packet, new LeaseView(claimed.leaseToken(),
                Timestamps.format(claimed.packet().lease().expiresAt())));
    }

    /** A packet with its lease, the lease last. */
    record LeasedPacket(@JsonUnwrapped PacketResponse packet, LeaseView lease) {
    }

    record LeaseView(String token, @JsonProperty("expires_at") String expiresAt) {
    }

    static List<PacketResponse> packets(List<Packet> packets) {
        return packets.stream().map(PacketResponse::of).toList();
    }

    /** {@code {packets, total, limit, offset, next_cursor}} with limit and offset as applied. */
    static Page page(PacketPage page, int limit, int offset) {
        return new Page(packets(page.packets()), page.total(), limit, offset,
                page.nextCursor() == null ? null : PacketCursors.encode(page.nextCursor()));
    }

    /** {@code {packet_id, events}}, events in the order given. */
    static History history(String packetId, List<AuditEntry> events) {
        return new History(packetId, events.stream().map(PacketJson::event).toList());
    }

    private static HistoryEvent event(AuditEntry entry) {
        return new HistoryEvent(entry.id().toString(),
                entry.packetId() == null ? null : entry.packetId().toString(), entry.action(), entry.actor(),
                entry.details(), Timestamps.format(entry.timestamp()),
                entry.apiKeyId() == null ? null : entry.apiKeyId().toString());
    }

    /** {@code {<name>: [packets], errors: [...]}}; create errors carry {@code index}, the others {@code packet_id}. */
    static Map<String, Object> batch(String name, List<Packet> done, List<ItemError> errors) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(name, packets(done));
        json.put("errors", errors.stream().map(error -> new BatchError(error.index(),
                error.packetId() == null ? null : error.packetId().toString(), error.code().wireName(),
                error.error())).toList());
        return json;
    }

    record Page(List<PacketResponse> packets, long total, int limit, int offset,
                @JsonProperty("next_cursor") String nextCursor) {
    }

    record History(@JsonProperty("packet_id") String packetId, List<HistoryEvent> events) {
    }

    record HistoryEvent(String id, @JsonProperty("packet_id") String packetId,
                        @JsonProperty("event_type") String eventType, String actor, Map<String, Object> details,
                        String timestamp, @JsonProperty("api_key_id") String apiKeyId) {
    }

    record BatchError(@JsonInclude(JsonInclude.Include.NON_NULL) Integer index,
                      @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("packet_id") String packetId,
                      String code, String error) {
    }
}
