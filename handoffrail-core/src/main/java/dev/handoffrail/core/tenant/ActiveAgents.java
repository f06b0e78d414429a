package dev.handoffrail.core.tenant;

import java.util.HashMap;
import java.util.Map;

/**
 * What the {@code max_agents} rule needs to know of a tenant's active agents (http-api.md §5.3): {@code count},
 * how many distinct agent ids the tenant's active packets name, and {@code activePackets}, for the agent ids asked
 * about, how many active packets name each (as source, target or both: a packet counts once). An id no active
 * packet names is absent from {@code activePackets}. Immutable.
 */
public record ActiveAgents(long count, Map<String, Long> activePackets) {
    public ActiveAgents {
        activePackets = Map.copyOf(activePackets);
        if (count < activePackets.size()) {
            throw new IllegalArgumentException("count " + count + " is below the " + activePackets.size()
                    + " active agents listed");
        }
    }

    /** A tenant without active packets. */
    public static ActiveAgents none() {
        return new ActiveAgents(0, Map.of());
    }

    /** Whether an active packet names {@code agentId}; only meaningful for the ids asked about. */
    public boolean isActive(String agentId) {
        return activePackets.containsKey(agentId);
    }

    /** How many active packets name {@code agentId}; 0 when it is not active. */
    public long activePackets(String agentId) {
        return activePackets.getOrDefault(agentId, 0L);
    }

    /** These agents as they would be if {@code agentId} stopped being active. */
    public ActiveAgents without(String agentId) {
        if (!isActive(agentId)) {
            return this;
        }
        Map<String, Long> rest = new HashMap<>(activePackets);
        rest.remove(agentId);
        return new ActiveAgents(count - 1, rest);
    }
}
