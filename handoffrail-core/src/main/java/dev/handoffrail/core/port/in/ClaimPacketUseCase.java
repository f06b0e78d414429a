package dev.handoffrail.core.port.in;

import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.packet.FieldMessages;
import dev.handoffrail.core.packet.Lease;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketRules;
import dev.handoffrail.core.packet.StorableText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Claiming (http-api.md §9.8, §9.15): exactly one of any number of racing claimers wins. */
public interface ClaimPacketUseCase {
    /** The longest a claim-next call may wait for a packet (§9.15: {@code wait_seconds} 0–30). */
    Duration MAX_WAIT = Duration.ofSeconds(30);

    Packet claim(Caller caller, PacketId id, Claimant claimant);

    /**
     * Claims the next matching {@code created} packet, waiting up to {@code maxWait} for one to appear (woken by
     * the event bus). Empty when none could be taken in time or the service is shutting down.
     */
    Optional<Packet> claimNext(Caller caller, ClaimNextCommand command);

    /**
     * {@link #claimNext} without holding the calling thread while it waits: the result completes with the packet
     * taken, or empty when none could be taken in time or the service is shutting down. A packet is claimed only
     * for a result that completes with it. Permission and quota refusals are thrown or complete the result
     * exceptionally.
     */
    CompletableFuture<Optional<Packet>> claimNextAsync(Caller caller, ClaimNextCommand command);

    /**
     * {@link #claim(Caller, PacketId, Claimant)} under a lease of {@code lease} ({@link Lease#MIN_SECONDS} to
     * {@link Lease#MAX_SECONDS}, field {@code lease_seconds}); null means no lease, exactly as today. The result
     * carries the lease token, which is not stored anywhere (only its hash is).
     */
    default ClaimedPacket claim(Caller caller, PacketId id, Claimant claimant, Duration lease) {
        if (lease != null) {
            throw new UnsupportedOperationException("leases are not supported by " + getClass().getName());
        }
        return new ClaimedPacket(claim(caller, id, claimant), null);
    }

    /** {@link #claimNextAsync} under a lease of {@code lease} (null: none), as {@link #claim(Caller, PacketId,
     * Claimant, Duration)}. */
    default CompletableFuture<Optional<ClaimedPacket>> claimNextAsync(Caller caller, ClaimNextCommand command,
                                                                      Duration lease) {
        if (lease != null) {
            throw new UnsupportedOperationException("leases are not supported by " + getClass().getName());
        }
        return claimNextAsync(caller, command).thenApply(taken -> taken.map(p -> new ClaimedPacket(p, null)));
    }

    /** {@link #claimNext} under a lease of {@code lease} (null: none). */
    default Optional<ClaimedPacket> claimNext(Caller caller, ClaimNextCommand command, Duration lease) {
        if (lease != null) {
            throw new UnsupportedOperationException("leases are not supported by " + getClass().getName());
        }
        return claimNext(caller, command).map(p -> new ClaimedPacket(p, null));
    }

    /**
     * Extends the lease held by {@code token} to {@code lease} from now (null: the lease's own length). A token that
     * does not hold the packet's lease (wrong, expired and released, or the packet left claimed / in progress) gets
     * {@code LEASE_LOST} and changes nothing. Returns the packet with its extended lease.
     */
    default Packet heartbeat(Caller caller, PacketId id, String token, Duration lease) {
        throw new UnsupportedOperationException("leases are not supported by " + getClass().getName());
    }

    /** A packet just claimed and, when the claim asked for a lease, the lease's bearer token (otherwise null). */
    record ClaimedPacket(Packet packet, String leaseToken) {
        public ClaimedPacket {
            Objects.requireNonNull(packet, "packet");
        }
    }

    /**
     * A claim-next request, valid by construction (§9.15): {@code targetAgent} non-empty, null or {@code "*"}
     * meaning any agent; at most {@link PacketRules#MAX_TAGS} tags, all of which the packet must carry;
     * {@code maxWait} from zero to {@link #MAX_WAIT}. Breaking a rule throws a {@link ValidationException} on
     * fields {@code target_agent}, {@code tags} or {@code wait_seconds}. Immutable.
     */
    record ClaimNextCommand(Claimant claimant, String targetAgent, Set<String> tags, Duration maxWait) {
        public ClaimNextCommand {
            Objects.requireNonNull(claimant, "claimant");
            tags = tags == null ? Set.of() : Set.copyOf(tags);
            maxWait = maxWait == null ? Duration.ZERO : maxWait;
            PacketRules.throwIfAny(problems(targetAgent, tags, maxWait));
            targetAgent = "*".equals(targetAgent) ? null : targetAgent;
        }

        /**
         * Builds the command from raw values, reporting the claimant's problems and the command's together in one
         * {@link ValidationException} (claimant fields first). {@code tags} are counted as given, duplicates
         * included; null means none.
         */
        public static ClaimNextCommand of(String agentId, String agentName, String framework, String targetAgent,
                                          Collection<String> tags, Duration maxWait) {
            List<FieldError> errors = new ArrayList<>(Claimant.problems(agentId, agentName, framework));
            errors.addAll(problems(targetAgent, tags == null ? List.of() : tags, maxWait));
            PacketRules.throwIfAny(errors);
            return new ClaimNextCommand(new Claimant(agentId, agentName, framework), targetAgent,
                    tags == null ? Set.of() : Set.copyOf(tags), maxWait);
        }

        private static List<FieldError> problems(String targetAgent, Collection<String> tags, Duration maxWait) {
            List<FieldError> errors = new ArrayList<>();
            if (targetAgent != null && targetAgent.isEmpty()) {
                errors.add(new FieldError("target_agent", FieldMessages.NOT_EMPTY));
            }
            StorableText.check(errors, "target_agent", targetAgent);
            for (String tag : tags) {
                if (!StorableText.isStorable(tag)) {
                    errors.add(new FieldError("tags", StorableText.MESSAGE));
                    break;
                }
            }
            if (tags.size() > PacketRules.MAX_TAGS) {
                errors.add(new FieldError("tags", FieldMessages.atMostItems(PacketRules.MAX_TAGS)));
            }
            if (maxWait != null && maxWait.isNegative()) {
                errors.add(new FieldError("wait_seconds", FieldMessages.atLeast(0)));
            } else if (maxWait != null && maxWait.compareTo(MAX_WAIT) > 0) {
                errors.add(new FieldError("wait_seconds", FieldMessages.atMost(MAX_WAIT.toSeconds())));
            }
            return errors;
        }
    }
}
