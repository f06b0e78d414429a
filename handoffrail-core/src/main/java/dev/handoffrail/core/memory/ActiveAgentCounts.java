package dev.handoffrail.core.memory;

import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.tenant.ActiveAgents;
import dev.handoffrail.core.tenant.TenantId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Per tenant, how many active packets name each agent id (as source, target or both: once per packet), changed
 * with every packet change so that the {@code max_agents} check never scans packets. An agent no active packet
 * names has no entry. Every change records its undo in the current transaction. Not thread-safe on its own:
 * callers hold the {@link InMemoryTransactor}'s lock.
 */
final class ActiveAgentCounts {
    private final TenantCounters<String> counts;

    ActiveAgentCounts(InMemoryTransactor transactor) {
        this.counts = new TenantCounters<>(transactor);
    }

    /** Accounts for a packet stored as {@code after} where it was {@code before}; either may be null (none). */
    void replaced(Packet before, Packet after) {
        Set<String> was = named(before);
        Set<String> is = named(after);
        boolean sameTenant = before != null && after != null && before.tenant().equals(after.tenant());
        for (String agent : is) {
            if (!sameTenant || !was.contains(agent)) {
                counts.change(after.tenant(), agent, 1);
            }
        }
        for (String agent : was) {
            if (!sameTenant || !is.contains(agent)) {
                counts.change(before.tenant(), agent, -1);
            }
        }
    }

    ActiveAgents of(TenantId tenant, Collection<String> agentIds) {
        Map<String, Long> agents = counts.of(tenant);
        Map<String, Long> asked = new HashMap<>();
        agentIds.stream().filter(Objects::nonNull).filter(agents::containsKey)
                .forEach(id -> asked.put(id, agents.get(id)));
        return new ActiveAgents(agents.size(), asked);
    }

    private static Set<String> named(Packet packet) {
        if (packet == null || !packet.status().isActive()) {
            return Set.of();
        }
        String source = packet.sourceAgent().id();
        String target = packet.targetAgent().id();
        return source.equals(target) ? Set.of(source) : Set.of(source, target);
    }
}
