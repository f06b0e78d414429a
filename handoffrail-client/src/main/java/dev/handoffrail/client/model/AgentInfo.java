package dev.handoffrail.client.model;

import java.util.Objects;

/**
 * An agent as a packet names it ({@code metadata.source_agent}, {@code metadata.target_agent}) and as a claimant
 * presents itself. {@code framework} and {@code version} are optional ({@code null}).
 */
public record AgentInfo(String id, String name, String framework, String version) {
    public AgentInfo {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
    }

    /** An agent with an id and a display name only. */
    public static AgentInfo of(String id, String name) {
        return new AgentInfo(id, name, null, null);
    }

    /** This agent with {@code framework} set. */
    public AgentInfo withFramework(String newFramework) {
        return new AgentInfo(id, name, newFramework, version);
    }
}
