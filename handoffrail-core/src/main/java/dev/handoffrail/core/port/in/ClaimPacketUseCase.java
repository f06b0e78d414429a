package dev.handoffrail.core.port.in;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Claiming (http-api.md §9.8, §9.15): exactly one of any number of racing claimers wins. */
public interface ClaimPacketUseCase {
    Packet claim(Caller caller, PacketId id, AgentInfo agent);

    /**
     * Claims the next matching {@code created} packet, waiting up to {@code maxWait} for one to appear (woken by
     * the event bus). Empty when none could be taken in time or the service is shutting down.
     */
    Optional<Packet> claimNext(Caller caller, ClaimNextCommand command);

    /** {@code targetAgent} null means any agent ("*"). */
    record ClaimNextCommand(AgentInfo agent, String targetAgent, Set<String> tags, Duration maxWait) {
        public ClaimNextCommand {
            java.util.Objects.requireNonNull(agent, "agent");
            tags = tags == null ? Set.of() : Set.copyOf(tags);
            maxWait = maxWait == null ? Duration.ZERO : maxWait;
        }
    }
}
