package dev.handoffrail.core.port.in;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketPage;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Priority;
import java.util.List;
import java.util.Set;

/** Reading packets: get, list, human queue, search, history (http-api.md §9.2–§9.5, §9.11). */
public interface QueryPacketsUseCase {
    /** The packet, or {@code NOT_FOUND} ("Packet <id> not found"). */
    Packet get(Caller caller, PacketId id);

    PacketPage list(Caller caller, PacketQuery query);

    /** Packets in {@code awaiting_human}, oldest first; next cursor always null. */
    PacketPage awaitingHuman(Caller caller, int limit, int offset);

    /**
     * Full-text search of {@code text} (2–256 code points after trimming, else {@code VALIDATION_ERROR} on
     * field {@code q}); a query with no searchable words returns an empty page.
     */
    PacketPage search(Caller caller, String text, Set<PacketStatus> statuses, Priority priority, int limit,
                      int offset);

    /** The packet's history events, chronological; {@code NOT_FOUND} if the packet is absent. */
    List<AuditEntry> history(Caller caller, PacketId id);
}
