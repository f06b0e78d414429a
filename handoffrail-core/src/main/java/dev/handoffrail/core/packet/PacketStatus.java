package dev.handoffrail.core.packet;

import static dev.handoffrail.core.packet.Trigger.BATCH_COMPLETE;
import static dev.handoffrail.core.packet.Trigger.CLAIM;
import static dev.handoffrail.core.packet.Trigger.DELETE;
import static dev.handoffrail.core.packet.Trigger.HITL_TIMEOUT;
import static dev.handoffrail.core.packet.Trigger.LEASE_EXPIRED;
import static dev.handoffrail.core.packet.Trigger.PATCH;
import static dev.handoffrail.core.packet.Trigger.RESPOND;
import static dev.handoffrail.core.packet.Trigger.TTL;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Packet statuses and the whole state machine of http-api.md §8.1: one table, one place that decides.
 * {@link #allows(PacketStatus, Trigger)} is the only question the rest of the code asks.
 */
public enum PacketStatus {
    CREATED, CLAIMED, IN_PROGRESS, AWAITING_HUMAN, COMPLETED, FAILED, EXPIRED;

    /** The transition table, row by row as in the contract. No default: a new status must be handled here. */
    private Set<Trigger> triggersTo(PacketStatus to) {
        return switch (this) {
            case CREATED -> switch (to) {
                case CLAIMED -> EnumSet.of(CLAIM);                                   // 1
                case AWAITING_HUMAN, FAILED -> EnumSet.of(PATCH);                    // 2, 3
                case EXPIRED -> EnumSet.of(DELETE, PATCH, TTL);                      // 4
                case CREATED, IN_PROGRESS, COMPLETED -> EnumSet.noneOf(Trigger.class);
            };
            case CLAIMED -> switch (to) {
                case CREATED -> EnumSet.of(LEASE_EXPIRED);                           // lease released
                case IN_PROGRESS, AWAITING_HUMAN -> EnumSet.of(PATCH);               // 5, 7
                case FAILED -> EnumSet.of(PATCH, LEASE_EXPIRED);                     // 8, too many releases
                case COMPLETED -> EnumSet.of(PATCH, BATCH_COMPLETE);                 // 6
                case EXPIRED -> EnumSet.of(DELETE, PATCH, TTL);                      // 9
                case CLAIMED -> EnumSet.noneOf(Trigger.class);
            };
            case IN_PROGRESS -> switch (to) {
                case CREATED -> EnumSet.of(LEASE_EXPIRED);                           // lease released
                case COMPLETED -> EnumSet.of(PATCH, BATCH_COMPLETE);                 // 10
                case AWAITING_HUMAN -> EnumSet.of(PATCH);                            // 11
                case FAILED -> EnumSet.of(PATCH, LEASE_EXPIRED);                     // 12, too many releases
                case EXPIRED -> EnumSet.of(DELETE, PATCH, TTL);                      // 13
                case CLAIMED, IN_PROGRESS -> EnumSet.noneOf(Trigger.class);
            };
            case AWAITING_HUMAN -> switch (to) {
                case CLAIMED -> EnumSet.of(RESPOND);                                 // 14
                case FAILED -> EnumSet.of(PATCH);                                    // 15
                case EXPIRED -> EnumSet.of(DELETE, PATCH, HITL_TIMEOUT, TTL);        // 16
                case CREATED, IN_PROGRESS, AWAITING_HUMAN, COMPLETED -> EnumSet.noneOf(Trigger.class);
            };
            case COMPLETED, FAILED -> to == EXPIRED
                    ? EnumSet.of(DELETE, PATCH)                                      // 17, 18
                    : EnumSet.noneOf(Trigger.class);
            case EXPIRED -> EnumSet.noneOf(Trigger.class);
        };
    }

    /** {@link #triggersTo} of every pair, built once: it is consulted on every transition of every packet. */
    private static final Map<PacketStatus, Map<PacketStatus, Set<Trigger>>> TABLE = table();

    private static Map<PacketStatus, Map<PacketStatus, Set<Trigger>>> table() {
        Map<PacketStatus, Map<PacketStatus, Set<Trigger>>> table = new EnumMap<>(PacketStatus.class);
        for (PacketStatus from : values()) {
            Map<PacketStatus, Set<Trigger>> row = new EnumMap<>(PacketStatus.class);
            for (PacketStatus to : values()) {
                row.put(to, Collections.unmodifiableSet(from.triggersTo(to)));
            }
            table.put(from, Collections.unmodifiableMap(row));
        }
        return Collections.unmodifiableMap(table);
    }

    /** Whether {@code trigger} may move a packet from this status to {@code to}. */
    public boolean allows(PacketStatus to, Trigger trigger) {
        return TABLE.get(this).get(to).contains(trigger);
    }

    /** The statuses PATCH can reach from here, in declaration order (the contract's {@code allowed_transitions}). */
    public List<PacketStatus> patchTargets() {
        List<PacketStatus> targets = new ArrayList<>();
        for (PacketStatus to : values()) {
            if (allows(to, PATCH)) {
                targets.add(to);
            }
        }
        return List.copyOf(targets);
    }

    /** Completed, failed and expired packets are terminal: their content can no longer change. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == EXPIRED;
    }

    /** Created, claimed, in progress and awaiting human count as active (agent quota, gauges). */
    public boolean isActive() {
        return !isTerminal();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PacketStatus> fromWire(String value) {
        for (PacketStatus s : values()) {
            if (s.wireName().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
