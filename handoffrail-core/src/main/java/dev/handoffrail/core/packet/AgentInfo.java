package dev.handoffrail.core.packet;

import static java.util.Objects.requireNonNull;

/**
 * An agent as named in packet metadata: {@code id} 1–128, {@code name} 0–256, {@code framework} ≤ 64 or null,
 * {@code version} ≤ 64 or null (source agents only; target agents never carry a version).
 */
public record AgentInfo(String id, String name, String framework, String version) {
    public AgentInfo {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
    }

    public static AgentInfo of(String id, String name) {
        return new AgentInfo(id, name, null, null);
    }

    /** The same agent as a target: target agents have no version. */
    public AgentInfo asTarget() {
        return version == null ? this : new AgentInfo(id, name, framework, null);
    }
}
