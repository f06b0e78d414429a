package dev.handoffrail.core.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PacketStatusTest {
    /** http-api.md §8.1, copied row by row and independently of the production table: "from to: triggers". */
    private static final List<String> CONTRACT_TABLE = List.of(
            "created claimed: CLAIM",
            "created awaiting_human: PATCH",
            "created failed: PATCH",
            "created expired: DELETE PATCH TTL",
            "claimed in_progress: PATCH",
            "claimed completed: PATCH BATCH_COMPLETE",
            "claimed awaiting_human: PATCH",
            "claimed created: LEASE_EXPIRED",                 // issue 14: an expired lease is released
            "claimed failed: PATCH LEASE_EXPIRED",            // issue 14: ... or fails after too many releases
            "claimed expired: DELETE PATCH TTL",
            "in_progress completed: PATCH BATCH_COMPLETE",
            "in_progress awaiting_human: PATCH",
            "in_progress created: LEASE_EXPIRED",
            "in_progress failed: PATCH LEASE_EXPIRED",
            "in_progress expired: DELETE PATCH TTL",
            "awaiting_human claimed: RESPOND",
            "awaiting_human failed: PATCH",
            "awaiting_human expired: DELETE PATCH HITL_TIMEOUT TTL",
            "completed expired: DELETE PATCH",
            "failed expired: DELETE PATCH");

    private static Map<String, Set<Trigger>> expected() {
        Map<String, Set<Trigger>> table = new HashMap<>();
        for (String row : CONTRACT_TABLE) {
            String[] parts = row.split(": ");
            Set<Trigger> triggers = EnumSet.noneOf(Trigger.class);
            Arrays.stream(parts[1].split(" ")).map(Trigger::valueOf).forEach(triggers::add);
            table.put(parts[0], triggers);
        }
        return table;
    }

    @Test
    void every_from_to_trigger_triple_is_allowed_exactly_when_the_contract_table_says_so() {
        Map<String, Set<Trigger>> table = expected();
        List<String> mismatches = new ArrayList<>();
        int allowedCount = 0;
        for (PacketStatus from : PacketStatus.values()) {
            for (PacketStatus to : PacketStatus.values()) {
                Set<Trigger> triggers = table.getOrDefault(from.wireName() + " " + to.wireName(), Set.of());
                for (Trigger trigger : Trigger.values()) {
                    boolean allowed = from.allows(to, trigger);
                    allowedCount += allowed ? 1 : 0;
                    if (allowed != triggers.contains(trigger)) {
                        mismatches.add(from + " -> " + to + " by " + trigger + ": allowed=" + allowed);
                    }
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(allowedCount).isEqualTo(35);
    }

    @Test
    void patch_targets_list_what_patch_may_reach_in_declaration_order() {
        assertThat(wire(PacketStatus.CREATED.patchTargets())).containsExactly("awaiting_human", "failed", "expired");
        assertThat(wire(PacketStatus.CLAIMED.patchTargets()))
                .containsExactly("in_progress", "awaiting_human", "completed", "failed", "expired");
        assertThat(wire(PacketStatus.IN_PROGRESS.patchTargets()))
                .containsExactly("awaiting_human", "completed", "failed", "expired");
        assertThat(wire(PacketStatus.AWAITING_HUMAN.patchTargets())).containsExactly("failed", "expired");
        assertThat(wire(PacketStatus.COMPLETED.patchTargets())).containsExactly("expired");
        assertThat(wire(PacketStatus.FAILED.patchTargets())).containsExactly("expired");
        assertThat(PacketStatus.EXPIRED.patchTargets()).isEmpty();
    }

    @Test
    void patch_can_never_claim_and_nothing_leaves_expired() {
        for (PacketStatus from : PacketStatus.values()) {
            assertThat(from.allows(PacketStatus.CLAIMED, Trigger.PATCH)).as(from.wireName()).isFalse();
            for (Trigger trigger : Trigger.values()) {
                assertThat(PacketStatus.EXPIRED.allows(from, trigger)).isFalse();
                assertThat(from.allows(from, trigger)).as("self transition of " + from).isFalse();
            }
        }
    }

    @Test
    void completed_failed_and_expired_are_terminal_and_the_rest_active() {
        assertThat(Arrays.stream(PacketStatus.values()).filter(PacketStatus::isTerminal).map(PacketStatus::wireName))
                .containsExactly("completed", "failed", "expired");
        assertThat(Arrays.stream(PacketStatus.values()).filter(PacketStatus::isActive).map(PacketStatus::wireName))
                .containsExactly("created", "claimed", "in_progress", "awaiting_human");
    }

    @Test
    void wire_names_round_trip_and_unknown_names_are_empty() {
        for (PacketStatus status : PacketStatus.values()) {
            assertThat(PacketStatus.fromWire(status.wireName())).contains(status);
        }
        assertThat(PacketStatus.fromWire("CREATED")).isEmpty();
        assertThat(PacketStatus.fromWire("done")).isEmpty();
        assertThat(PacketStatus.fromWire(null)).isEmpty();
    }

    private static List<String> wire(List<PacketStatus> statuses) {
        return statuses.stream().map(PacketStatus::wireName).toList();
    }
}
