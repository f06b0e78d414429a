package dev.handoffrail.core.service;

import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.tenant.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The claim-next calls waiting for a packet (http-api.md §9.15). A waiter registers before it looks, so a packet
 * created between its look and its wait still wakes it; events of other tenants or of packets it would not take
 * leave it asleep. Waking runs the waiter's {@code onWake} on the publishing thread, which must only hand work
 * on. Thread-safe.
 */
final class ClaimNextWaiters {
    private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * Registers a waiter for packets of {@code tenant} addressed to {@code targetAgent} (null: any); {@code onWake}
     * runs whenever such a packet becomes available, and once at {@link #close()}.
     */
    Waiter register(TenantId tenant, String targetAgent, Set<String> tags, Runnable onWake) {
        Waiter waiter = new Waiter(tenant, targetAgent, tags, onWake);
        waiters.add(waiter);
        if (closed) {
            waiter.wake();
        }
        return waiter;
    }

    void remove(Waiter waiter) {
        waiters.remove(waiter);
    }

    /** Wakes the waiters that would take the packet of {@code event} (a packet now in {@code created}). */
    void packetAvailable(DomainEvent event) {
        for (Waiter waiter : waiters) {
            if (waiter.wants(event)) {
                waiter.wake();
            }
        }
    }

    /** Wakes every waiter for good: they answer with nothing. */
    void close() {
        closed = true;
        waiters.forEach(Waiter::wake);
    }

    boolean closed() {
        return closed;
    }

    /** How many calls are waiting right now. */
    int waiting() {
        return waiters.size();
    }

    /** One waiting call. */
    static final class Waiter {
        private final TenantId tenant;
        private final String targetAgent;
        private final Set<String> tags;
        private final Runnable onWake;

        private Waiter(TenantId tenant, String targetAgent, Set<String> tags, Runnable onWake) {
            this.tenant = tenant;
            this.targetAgent = targetAgent;
            this.tags = Set.copyOf(tags);
            this.onWake = onWake;
        }

        private void wake() {
            onWake.run();
        }

        /** Matches on the event's metadata; an event of unexpected shape wakes the waiter, which just looks again. */
        private boolean wants(DomainEvent event) {
            if (!event.tenant().equals(tenant)) {
                return false;
            }
            if (!(event.data().get("metadata") instanceof Map<?, ?> metadata)) {
                return true;
            }
            if (targetAgent != null && metadata.get("target_agent") instanceof Map<?, ?> target
                    && !targetAgent.equals(target.get("id"))) {
                return false;
            }
            return !(metadata.get("tags") instanceof List<?> packetTags) || packetTags.containsAll(tags);
        }
    }
}
