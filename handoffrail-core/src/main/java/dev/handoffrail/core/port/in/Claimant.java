package dev.handoffrail.core.port.in;

import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.PacketRules;
import java.util.List;

/**
 * The agent taking a packet in a claim, batch claim or claim-next (http-api.md §9.8): {@code agentId} 1–128 and
 * {@code agentName} 0–256, both required, {@code framework} ≤ 64 or null. A claimant is valid by construction:
 * every adapter and embedder goes through the same check, reported on fields {@code agent_id},
 * {@code agent_name} and {@code framework}. Immutable.
 */
public record Claimant(String agentId, String agentName, String framework) {
    /** Throws a {@link ValidationException} listing every problem (§9.8 order) when a rule is broken. */
    public Claimant {
        PacketRules.throwIfAny(problems(agentId, agentName, framework));
    }

    /** The agent as a claimant (its version is dropped: target agents carry none). */
    public static Claimant of(AgentInfo agent) {
        return new Claimant(agent.id(), agent.name(), agent.framework());
    }

    /** Every rule the values break, in §9.8 order; empty when they make a valid claimant. */
    public static List<FieldError> problems(String agentId, String agentName, String framework) {
        return PacketRules.validateAgent("", agentId, agentName, framework);
    }

    /** The claimant as the packet's new target agent. */
    public AgentInfo asAgent() {
        return new AgentInfo(agentId, agentName, framework, null);
    }
}
