package dev.handoffrail.client;

import dev.handoffrail.client.LeaseLostListener.LeaseLost;
import dev.handoffrail.client.LeaseLostListener.Stage;
import dev.handoffrail.client.model.AgentInfo;
import dev.handoffrail.client.model.ClaimNextOptions;
import dev.handoffrail.client.model.FailedAction;
import dev.handoffrail.client.model.LeasedPacket;
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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drains the packets addressed to one agent: claim the next one ({@code claim-next}, long-polling up to
 * {@code waitSeconds}), run the {@link PacketHandler}, then complete the packet, or fail it with the handler's
 * error as a failed action.
 *
 * <p>By default each claim takes a claim lease of {@value #DEFAULT_LEASE_SECONDS} s ({@link #withLease},
 * {@link #withoutLease()}): while the handler runs, a daemon thread of the worker sends
 * {@code POST /packets/{id}/heartbeat} every third of the lease ({@link #withHeartbeatInterval}), and the completion
 * or failure carries the lease's token. Should the worker crash, the server's sweeper gives the packet back to the
 * queue once the lease runs out. When the server answers {@code 409 LEASE_LOST} to a heartbeat or to the
 * completion, the lease is gone (the packet went back to the queue, maybe to another worker): the worker stops
 * heartbeating, does not apply the handler's result, tells the {@link LeaseLostListener} ({@link #onLeaseLost};
 * by default a warning in the log) and moves on to the next packet. It does not interrupt a running handler.
 *
 * <pre>{@code
 * Worker worker = client.worker(AgentInfo.of("billing-01", "BillingBot"))
 *         .withLease(Duration.ofMinutes(2))
 *         .onLeaseLost(lost -> log.warn("gave up {}: {}", lost.packet().id(), lost.stage()));
 * worker.handle(packet -> bill(packet.context()));   // blocks until worker.stop() or interruption
 * }</pre>
 *
 * {@link #handle} runs on the calling thread; {@link #stop()} may be called from any thread. The {@code with...}
 * methods return a new worker with the same agent.
 */
public final class Worker {
    /** The lease a worker takes unless told otherwise. */
    public static final int DEFAULT_LEASE_SECONDS = 60;
    private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);
    private static final long MIN_LEASE_SECONDS = 5;
    private static final long MAX_LEASE_SECONDS = 86_400;
    private static final System.Logger LOG = System.getLogger(Worker.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final LeaseLostListener LOG_LEASE_LOST = lost -> LOG.log(System.Logger.Level.WARNING,
            "lease on packet {0} lost ({1}): {2}; the handler''s result was not applied", lost.packet().id(),
            lost.stage(), lost.error().detail());

    private final PacketsApi packets;
    private final AgentInfo agent;
    private final ClaimNextOptions options;
    private final Duration lease;
    private final Duration heartbeatInterval;
    private final LeaseLostListener leaseLost;
    private ScheduledThreadPoolExecutor heartbeats;
    private volatile boolean stopped;

    Worker(PacketsApi packets, AgentInfo agent) {
        this(packets, agent, ClaimNextOptions.defaults().withWaitSeconds(20),
                Duration.ofSeconds(DEFAULT_LEASE_SECONDS), null, LOG_LEASE_LOST);
    }

    private Worker(PacketsApi packets, AgentInfo agent, ClaimNextOptions options, Duration lease,
                   Duration heartbeatInterval, LeaseLostListener leaseLost) {
        this.packets = packets;
        this.agent = Objects.requireNonNull(agent, "agent");
        this.options = Objects.requireNonNull(options, "options");
        this.lease = lease;
        this.heartbeatInterval = heartbeatInterval;
        this.leaseLost = Objects.requireNonNull(leaseLost, "leaseLost");
    }

    /** This worker with other claim filters (by default: packets addressed to the agent, 20 s long polls). */
    public Worker withOptions(ClaimNextOptions value) {
        return new Worker(packets, agent, value, lease, heartbeatInterval, leaseLost);
    }

    /**
     * This worker claiming with a lease of {@code value} (whole seconds, 5 to 86,400; default
     * {@value #DEFAULT_LEASE_SECONDS} s), heartbeating every third of it unless {@link #withHeartbeatInterval} says
     * otherwise.
     */
    public Worker withLease(Duration value) {
        Objects.requireNonNull(value, "lease (withoutLease() claims without one)");
        if (value.toNanos() % 1_000_000_000L != 0 || value.toSeconds() < MIN_LEASE_SECONDS
                || value.toSeconds() > MAX_LEASE_SECONDS) {
            throw new IllegalArgumentException("a lease is a whole number of seconds between " + MIN_LEASE_SECONDS
                    + " and " + MAX_LEASE_SECONDS + ", got " + value);
        }
        return new Worker(packets, agent, options, value, heartbeatInterval, leaseLost);
    }

    /** {@link #withLease(Duration)} in seconds. */
    public Worker withLeaseSeconds(int seconds) {
        return withLease(Duration.ofSeconds(seconds));
    }

    /**
     * This worker claiming without a lease, as before leases existed: no heartbeats, no token; a packet whose worker
     * crashed stays claimed until someone moves it.
     */
    public Worker withoutLease() {
        return new Worker(packets, agent, options, null, heartbeatInterval, leaseLost);
    }

    /**
     * This worker heartbeating every {@code value} (default: a third of the lease). Keep it well within the lease:
     * a heartbeat that comes after the lease ran out is refused with {@code LEASE_LOST}.
     */
    public Worker withHeartbeatInterval(Duration value) {
        Objects.requireNonNull(value, "heartbeat interval");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("the heartbeat interval must be positive, got " + value);
        }
        return new Worker(packets, agent, options, lease, value, leaseLost);
    }

    /** This worker telling {@code listener} about lost leases instead of logging them; see {@link LeaseLostListener}. */
    public Worker onLeaseLost(LeaseLostListener listener) {
        return new Worker(packets, agent, options, lease, heartbeatInterval,
                Objects.requireNonNull(listener, "listener"));
    }

    /** The lease each claim takes; empty when the worker claims without one. */
    public Optional<Duration> lease() {
        return Optional.ofNullable(lease);
    }

    /**
     * One cycle: claims the next packet (waiting as configured), runs {@code handler} and settles the packet.
     * Returns the packet as it was left, or empty when none came. When the lease was lost, the packet is returned
     * as the server has it now (not settled by this worker).
     */
    public Optional<Packet> runOnce(PacketHandler handler) {
        Optional<LeasedPacket> claimed = packets.claimNext(agent, options, lease);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        Packet packet = claimed.get().packet();
        String token = claimed.get().lease() == null ? null : claimed.get().lease().token();
        Heartbeat heartbeat = token == null ? null : startHeartbeat(packet, token);
        Exception error = null;
        try {
            handler.handle(packet);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
            error = e;
        } catch (Exception e) {
            error = e;
        } finally {
            if (heartbeat != null) {
                heartbeat.stop();
            }
        }
        if (heartbeat != null && heartbeat.leaseLost()) {
            return Optional.of(packets.get(packet.id()));
        }
        return Optional.of(error == null ? complete(packet, token) : fail(packet, token, error));
    }

    /**
     * Runs {@link #runOnce} until {@link #stop()} or interruption. Authentication and permission errors end the loop
     * by being thrown (retrying cannot help); any other error of the API or the transport pauses the loop for a
     * second, then it goes on. A lost lease is not an error of the loop: it is reported and the loop goes on.
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

    private Packet complete(Packet packet, String token) {
        try {
            return packets.complete(packet.id(), token);
        } catch (LeaseLostException e) {
            return lost(packet, Stage.COMPLETION, e);
        } catch (InvalidRequestException | ConflictException e) {
            // the handler moved the packet on itself (awaiting_human, failed, ...): leave it as it is
            return packets.get(packet.id());
        }
    }

    private Packet fail(Packet packet, String token, Exception error) {
        Packet current = packets.get(packet.id());
        if (current.status().isTerminal() || current.status() == PacketStatus.AWAITING_HUMAN) {
            return current;
        }
        List<FailedAction> failed = new ArrayList<>(current.actions() == null || current.actions().failed() == null
                ? List.of() : current.actions().failed());
        String message = error.getMessage() == null ? error.getClass().getSimpleName()
                : error.getClass().getSimpleName() + ": " + error.getMessage();
        failed.add(new FailedAction("worker-" + UUID.randomUUID(), "handler of " + agent.id() + " failed",
                message, null));
        try {
            return packets.update(packet.id(), PacketUpdate.status(PacketStatus.FAILED)
                    .withActions(new PacketActions(null, null, failed)), token);
        } catch (LeaseLostException e) {
            return lost(packet, Stage.FAILURE, e);
        }
    }

    /** The packet as the server has it after {@code error}; reported unless the handler handed the packet on. */
    private Packet lost(Packet packet, Stage stage, LeaseLostException error) {
        Packet current = packets.get(packet.id());
        if (!handedOn(current)) {
            report(new LeaseLost(packet, stage, error));
        }
        return current;
    }

    /**
     * Whether the packet left the leaseholder's statuses by a move that needs no token and drops the lease: the
     * handler gave it to a human or deleted it. That is the handler's choice, not a lost lease.
     */
    private static boolean handedOn(Packet current) {
        return current.status() == PacketStatus.AWAITING_HUMAN || current.status() == PacketStatus.EXPIRED;
    }

    private void report(LeaseLost event) {
        try {
            leaseLost.leaseLost(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the lease-lost listener failed", e);
        }
    }

    private Heartbeat startHeartbeat(Packet packet, String token) {
        Duration every = heartbeatInterval != null ? heartbeatInterval : lease.dividedBy(3);
        Heartbeat heartbeat = new Heartbeat(packet, token);
        heartbeat.future = scheduler().scheduleWithFixedDelay(heartbeat, every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
        return heartbeat;
    }

    /** One daemon thread per worker, started on the first leased claim and ended after a minute without work. */
    private synchronized ScheduledThreadPoolExecutor scheduler() {
        if (heartbeats == null) {
            ThreadFactory threads = task -> {
                Thread thread = new Thread(task, "handoffrail-heartbeat-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
            heartbeats = new ScheduledThreadPoolExecutor(1, threads);
            heartbeats.setRemoveOnCancelPolicy(true);
            heartbeats.setKeepAliveTime(1, TimeUnit.MINUTES);
            heartbeats.allowCoreThreadTimeOut(true);
        }
        return heartbeats;
    }

    /**
     * The heartbeats of one claimed packet. A heartbeat and {@link #stop()} never overlap, so a completion sent
     * after {@code stop()} never races a heartbeat (which would then be refused and look like a lost lease).
     */
    private final class Heartbeat implements Runnable {
        private final Packet packet;
        private final String token;
        private volatile ScheduledFuture<?> future;
        private boolean stopped;
        private volatile boolean lost;

        Heartbeat(Packet packet, String token) {
            this.packet = packet;
            this.token = token;
        }

        @Override
        public void run() {
            LeaseLostException refused;
            synchronized (this) {
                if (stopped || lost) {
                    return;
                }
                try {
                    packets.heartbeat(packet.id(), token);
                    return;
                } catch (LeaseLostException e) {
                    lost = true;
                    refused = e;
                } catch (RuntimeException e) {
                    // a transport failure, 503, 429 after retries...: the next heartbeat is the retry
                    LOG.log(System.Logger.Level.DEBUG, "heartbeat of packet " + packet.id() + " failed", e);
                    return;
                }
            }
            if (future != null) {
                future.cancel(false);
            }
            try {
                Worker.this.lost(packet, Stage.HEARTBEAT, refused);
            } catch (RuntimeException e) {
                report(new LeaseLost(packet, Stage.HEARTBEAT, refused));
            }
        }

        /** No heartbeat after this returns; waits for one under way. */
        synchronized void stop() {
            stopped = true;
            if (future != null) {
                future.cancel(false);
            }
        }

        boolean leaseLost() {
            return lost;
        }
    }

    private void pause() {
        try {
            Thread.sleep(ERROR_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
