package dev.handoffrail.core.packet;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.error.HandoffRailException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The packet lifecycle errors of http-api.md §8.2, §9.6–§9.9 and §9.12, with the contract's exact
 * {@code detail} wording and extra members. Stateless.
 */
public final class PacketErrors {
    private PacketErrors() {
    }

    /** PATCH asked for a transition the table does not allow; lists what PATCH may reach instead. */
    public static HandoffRailException invalidTransition(PacketStatus from, PacketStatus to) {
        List<String> allowed = from.patchTargets().stream().map(PacketStatus::wireName).toList();
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("current_status", from.wireName());
        extras.put("requested_status", to.wireName());
        extras.put("allowed_transitions", allowed);
        String detail = "Cannot transition from '" + from.wireName() + "' to '" + to.wireName()
                + "'. Allowed transitions from '" + from.wireName() + "': " + quoted(allowed);
        return new HandoffRailException(ErrorCode.INVALID_TRANSITION, detail, extras);
    }

    /** Claim of a claimed packet; names the current claimant (the target agent) and when it claimed. */
    public static HandoffRailException alreadyClaimed(Packet packet) {
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("claimed_by", PacketRepresentation.targetAgentJson(packet.targetAgent()));
        extras.put("claimed_at", Timestamps.format(packet.claimedAt()));
        return new HandoffRailException(ErrorCode.ALREADY_CLAIMED, "Packet " + packet.id() + " is already claimed",
                extras);
    }

    /** A lease token that does not (or no longer) hold the packet's lease: nothing was changed. */
    public static HandoffRailException leaseLost(PacketId id) {
        return new HandoffRailException(ErrorCode.LEASE_LOST, "The lease on packet " + id
                + " is no longer held by this token");
    }

    public static HandoffRailException hitlPending(PacketId id) {
        return new HandoffRailException(ErrorCode.HITL_PENDING, "Packet " + id + " is awaiting a human response");
    }

    public static HandoffRailException gone(PacketId id) {
        return Errors.gone(id);
    }

    public static HandoffRailException claimFromStatus(PacketStatus status) {
        return new HandoffRailException(ErrorCode.INVALID_TRANSITION,
                "Cannot claim from status '" + status.wireName() + "'");
    }

    public static HandoffRailException completeFromStatus(PacketStatus status) {
        return new HandoffRailException(ErrorCode.INVALID_TRANSITION,
                "Cannot complete from status '" + status.wireName() + "'");
    }

    public static HandoffRailException notAwaitingHuman(PacketStatus status) {
        return new HandoffRailException(ErrorCode.NOT_AWAITING_HUMAN,
                "Packet is in '" + status.wireName() + "' status, not 'awaiting_human'. Cannot respond.");
    }

    /** Content change on a completed, failed or expired packet. */
    public static HandoffRailException packetTerminal(PacketId id, PacketStatus status) {
        return new HandoffRailException(ErrorCode.PACKET_TERMINAL, "Packet " + id + " is in terminal status '"
                + status.wireName() + "' and its content can no longer change",
                Map.of("current_status", status.wireName()));
    }

    public static HandoffRailException alreadyExpired(PacketId id) {
        return new HandoffRailException(ErrorCode.ALREADY_EXPIRED, "Packet " + id + " is already expired");
    }

    /** Entering {@code awaiting_human} with no checkpoint stored or sent. */
    public static HandoffRailException noHitlCheckpoint() {
        return new HandoffRailException(ErrorCode.NO_HITL_CHECKPOINT,
                "Cannot enter 'awaiting_human' without a HITL checkpoint");
    }

    /** A response that is not one of the checkpoint's options; field {@code response}, extra {@code options}. */
    public static HandoffRailException invalidHitlResponse(List<String> options) {
        return new HandoffRailException(ErrorCode.INVALID_HITL_RESPONSE,
                "Response must be one of: " + quoted(options), "response", List.of(),
                Map.of("options", List.copyOf(options)));
    }

    /** {@code ['a', 'b']}: the list form the contract's messages use. */
    private static String quoted(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ", "[", "]"));
    }
}
