package dev.handoffrail.core.port.in;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import java.util.List;
import java.util.Map;

/**
 * Batch operations (http-api.md §9.12): at most {@link #MAX_ITEMS} items, each in its own transaction, in request
 * order; one item's failure never affects another.
 */
public interface BatchPacketsUseCase {
    int MAX_ITEMS = 50;

    /**
     * Creates each item (the JSON object of a packet input, parsed and validated here). Throws
     * {@code DAILY_QUOTA_EXCEEDED} only if no allowance was left before the first item.
     */
    BatchCreateResult createBatch(Caller caller, List<Map<String, Object>> items);

    BatchClaimResult claimBatch(Caller caller, List<PacketId> packetIds, Claimant claimant);

    BatchCompleteResult completeBatch(Caller caller, List<PacketId> packetIds);

    /** An item that failed: its 0-based request index (create) or packet id (claim, complete). */
    record ItemError(Integer index, PacketId packetId, ErrorCode code, String error) {
    }

    record BatchCreateResult(List<Packet> created, List<ItemError> errors) {
    }

    record BatchClaimResult(List<Packet> claimed, List<ItemError> errors) {
    }

    record BatchCompleteResult(List<Packet> completed, List<ItemError> errors) {
    }
}
