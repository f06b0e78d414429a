package dev.handoffrail.core.port.in;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketDraft;
import dev.handoffrail.core.packet.PacketId;
import java.util.List;

/**
 * Batch operations (http-api.md §9.12): at most {@link #MAX_ITEMS} items, each in its own transaction, in request
 * order; one item's failure never affects another.
 */
public interface BatchPacketsUseCase {
    int MAX_ITEMS = 50;

    /**
     * Creates each item in order: an item larger than the tier's {@code max_packet_size} fails with
     * {@code PAYLOAD_TOO_LARGE}, an unreadable one with its own error, a draft breaking a rule with
     * {@code VALIDATION_ERROR}, each at its index. Throws {@code DAILY_QUOTA_EXCEEDED} only if no allowance was
     * left before the first item.
     */
    BatchCreateResult createBatch(Caller caller, List<CreateItem> items);

    BatchClaimResult claimBatch(Caller caller, List<PacketId> packetIds, Claimant claimant);

    BatchCompleteResult completeBatch(Caller caller, List<PacketId> packetIds);

    /**
     * One item of a batch create as the adapter read it: its size as sent in UTF-8 bytes of compact JSON
     * (charged against {@code max_packet_size}, http-api.md §5.5), and either its draft or the error reading it
     * raised. Exactly one of {@code draft} and {@code unreadable} is set.
     */
    record CreateItem(long sizeBytes, PacketDraft draft, HandoffRailException unreadable) {
        public CreateItem {
            if ((draft == null) == (unreadable == null)) {
                throw new IllegalArgumentException("exactly one of draft and unreadable");
            }
        }

        public static CreateItem of(PacketDraft draft, long sizeBytes) {
            return new CreateItem(sizeBytes, draft, null);
        }

        public static CreateItem unreadable(HandoffRailException error, long sizeBytes) {
            return new CreateItem(sizeBytes, null, error);
        }
    }

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
