package dev.handoffrail.client;

import dev.handoffrail.client.model.AgentInfo;
import dev.handoffrail.client.model.ClaimNextOptions;
import dev.handoffrail.client.model.FailedAction;
import dev.handoffrail.client.model.Packet;
import dev.handoffrail.client.model.PacketActions;
import dev.handoffrail.client.model.PacketStatus;
import dev.handoffrail.client.model.PacketUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Drains the packets addressed to one agent: claim the next one ({@code claim-next}, long-polling up to
 * {@code waitSeconds}), run the {@link PacketHandler}, then complete the packet, or fail it with the handler's
 * error as a failed action. Lease heartbeats are not sent yet (leases are not part of the server's API yet).
 *
 * <pre>{@code
 * Worker worker = client.worker(AgentInfo.of("billing-01", "BillingBot"));
 * worker.handle(packet -> bill(packet.context()));   // blocks until worker.stop() or interruption
 * }</pre>
 *
 * {@link #handle} runs on the calling thread; {@link #stop()} may be called from any thread.
 */
public final class Worker {
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

    private final PacketsApi packets;
    private final AgentInfo agent;
    private final ClaimNextOptions options;
    private volatile boolean stopped;

    Worker(PacketsApi packets, AgentInfo agent) {
        this(packets, agent, ClaimNextOptions.defaults().withWaitSeconds(20));
    }

    private Worker(PacketsApi packets, AgentInfo agent, ClaimNextOptions options) {
        this.packets = packets;
        this.agent = Objects.requireNonNull(agent, "agent");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** This worker with other claim filters (by default: packets addressed to the agent, 20 s long polls). */
    public Worker withOptions(ClaimNextOptions value) {
        return new Worker(packets, agent, value);
    }

    /**
     * One cycle: claims the next packet (waiting as configured), runs {@code handler} and settles the packet.
     * Returns the packet as it was left, or empty when none came.
     */
    public Optional<Packet> runOnce(PacketHandler handler) {
        Optional<Packet> claimed = packets.claimNext(agent, options);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Packet packet = claimed.get();
        try {
            handler.handle(packet);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
            return Optional.of(fail(packet.id(), e));
        } catch (Exception e) {
            return Optional.of(fail(packet.id(), e));
        }
        return Optional.of(complete(packet.id()));
    }

    /**
     * Runs {@link #runOnce} until {@link #stop()} or interruption. Authentication and permission errors end the loop
     * by being thrown (retrying cannot help); any other error of the API or the transport pauses the loop for a
     * second, then it goes on.
     */
    public void handle(PacketHandler handler) {
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            try {
                runOnce(handler);
            } catch (AuthenticationException | PermissionDeniedException e) {
                throw e;
            } catch (HandoffRailApiException e) {
                pause();
            }
        }
    }

    /** Ends {@link #handle} after the current cycle (at most one long poll later); a stopped worker stays stopped. */
    public void stop() {
        stopped = true;
    }

    private Packet complete(String id) {
        try {
            return packets.complete(id);
        } catch (InvalidRequestException | ConflictException e) {
            // the handler moved the packet on itself (awaiting_human, failed, ...): leave it as it is
            return packets.get(id);
        }
    }

    private Packet fail(String id, Exception error) {
        Packet current = packets.get(id);
        if (current.status().isTerminal() || current.status() == PacketStatus.AWAITING_HUMAN) {
            return current;
        }
        List<FailedAction> failed = new ArrayList<>(current.actions() == null || current.actions().failed() == null
                ? List.of() : current.actions().failed());
        String message = error.getMessage() == null ? error.getClass().getSimpleName()
                : error.getClass().getSimpleName() + ": " + error.getMessage();
        failed.add(new FailedAction("worker-" + UUID.randomUUID(), "handler of " + agent.id() + " failed",
                message, null));
        return packets.update(id, PacketUpdate.status(PacketStatus.FAILED)
                .withActions(new PacketActions(null, null, failed)));
    }

    private void pause() {
        try {
            Thread.sleep(ERROR_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
