package dev.handoffrail.core.service;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.auth.Permissions;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.event.Channel;
import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.port.in.AuthenticateUseCase.Authenticated;
import dev.handoffrail.core.port.in.RateLimitUseCase.RequestAdmission;
import dev.handoffrail.core.port.in.RealtimeUseCase;
import dev.handoffrail.core.port.out.ConnectionCounter;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.tenant.TierQuotas;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link RealtimeUseCase} over the {@link EventBus} (packet events, revocations) and the {@link ConnectionCounter}
 * (the tenant's limit on all instances). Connections are indexed by tenant, so an event costs a look at its own
 * tenant's connections only. Thread-safe; {@link #close()} ends every connection with {@code SHUTDOWN}.
 */
public final class RealtimeService implements RealtimeUseCase, AutoCloseable {
    /** Seconds a client refused for the connection limit is told to wait before trying again. */
    static final long RETRY_AFTER_SECONDS = 30;
    private static final System.Logger LOG = System.getLogger(RealtimeService.class.getName());

    private final ConnectionCounter counter;
    private final EventBus eventBus;
    private final RailSettings settings;
    private final Map<TenantId, Set<OpenConnection>> byTenant = new ConcurrentHashMap<>();
    private final BusSubscription subscription;
    private volatile boolean closed;

    public RealtimeService(ConnectionCounter counter, EventBus eventBus, RailSettings settings) {
        this.counter = requireNonNull(counter, "counter");
        this.eventBus = requireNonNull(eventBus, "eventBus");
        this.subscription = new BusSubscription(eventBus, this::onMessage);
        this.settings = requireNonNull(settings, "settings");
    }

    @Override
    public Connection open(Authenticated caller, Listener listener) {
        requireNonNull(listener, "listener");
        Permissions.require(Caller.of(caller.key()), Operation.SUBSCRIBE_EVENTS);
        if (closed) {
            throw new HandoffRailException(ErrorCode.SERVICE_UNAVAILABLE, "Server shutting down");
        }
        subscription.ensureSubscribed();
        Tier tier = caller.tenant().tier();
        long limit = settings.tiers().quotasFor(tier).maxRealtimeConnections();
        OpenConnection connection = new OpenConnection(caller, listener);
        boolean admitted;
        try {
            admitted = counter.tryOpen(connection.tenant, connection.id,
                    TierQuotas.isUnlimited(limit) ? Long.MAX_VALUE : limit);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the connection count is unavailable", e);
            throw new HandoffRailException(ErrorCode.SERVICE_UNAVAILABLE, "Connection count unavailable");
        }
        if (!admitted) {
            throw RequestAdmission.rateLimited("Real-time connection limit reached (" + limit + " for "
                    + tier.wireName() + " tier)", CONNECTIONS, RETRY_AFTER_SECONDS);
        }
        byTenant.computeIfAbsent(connection.tenant, t -> ConcurrentHashMap.newKeySet()).add(connection);
        if (closed) {
            connection.end(Closure.SHUTDOWN);
        }
        return connection;
    }

    /** Ends every connection with {@code SHUTDOWN} and refuses new ones. Idempotent. */
    @Override
    public void close() {
        closed = true;
        byTenant.values().forEach(set -> List.copyOf(set).forEach(c -> c.end(Closure.SHUTDOWN)));
        subscription.close();
    }

    /** Connections open on this instance (tests). */
    int openHere() {
        return byTenant.values().stream().mapToInt(Set::size).sum();
    }

    private void onMessage(EventBus.Message message) {
        if (message instanceof EventBus.PacketEventMessage packetEvent) {
            DomainEvent event = packetEvent.event();
            Set<OpenConnection> connections = byTenant.get(event.tenant());
            if (connections != null) {
                connections.forEach(c -> c.deliver(event));
            }
        } else if (message instanceof EventBus.KeyRevoked revoked) {
            endWhere(revoked.tenant(), c -> c.keyId.equals(revoked.keyId()), Closure.KEY_REVOKED);
        } else if (message instanceof EventBus.TenantDeleted deleted) {
            endWhere(deleted.tenant(), c -> true, Closure.TENANT_DELETED);
        }
    }

    private void endWhere(TenantId tenant, java.util.function.Predicate<OpenConnection> which, Closure closure) {
        Set<OpenConnection> connections = byTenant.get(tenant);
        if (connections != null) {
            List.copyOf(connections).stream().filter(which).forEach(c -> c.end(closure));
        }
    }

    /** One connection of this instance. */
    private final class OpenConnection implements Connection {
        private final String id = UUID.randomUUID().toString();
        private final TenantId tenant;
        private final ApiKeyId keyId;
        private final Tier tier;
        private final Listener listener;
        private final Set<Channel> channels = new LinkedHashSet<>();
        private volatile List<Channel> snapshot = List.of();
        private final AtomicBoolean open = new AtomicBoolean(true);

        private OpenConnection(Authenticated caller, Listener listener) {
            this.tenant = caller.tenant().id();
            this.keyId = caller.key().id();
            this.tier = caller.tenant().tier();
            this.listener = listener;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Tier tier() {
            return tier;
        }

        @Override
        public synchronized boolean subscribe(Channel channel) {
            requireNonNull(channel, "channel");
            if (channels.contains(channel)) {
                return true;
            }
            if (channels.size() >= MAX_SUBSCRIPTIONS) {
                return false;
            }
            channels.add(channel);
            snapshot = List.copyOf(channels);
            return true;
        }

        @Override
        public synchronized boolean unsubscribe(Channel channel) {
            boolean removed = channels.remove(channel);
            snapshot = List.copyOf(channels);
            return removed;
        }

        @Override
        public List<Channel> channels() {
            return snapshot;
        }

        @Override
        public void heartbeat() {
            if (!open.get()) {
                return;
            }
            try {
                counter.refresh(tenant, id);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "refreshing a connection in the count failed", e);
            }
        }

        @Override
        public void close() {
            release();
        }

        /** Closes the connection; false when it was closed already. */
        private boolean release() {
            if (!open.compareAndSet(true, false)) {
                return false;
            }
            Set<OpenConnection> connections = byTenant.get(tenant);
            if (connections != null) {
                connections.remove(this);
                if (connections.isEmpty()) {
                    byTenant.computeIfPresent(tenant, (t, set) -> set.isEmpty() ? null : set);
                }
            }
            try {
                counter.close(tenant, id);
            } catch (RuntimeException e) {
                // the shared count forgets connections that are not refreshed, so this slot frees itself later
                LOG.log(System.Logger.Level.WARNING, "removing a connection from the count failed", e);
            }
            return true;
        }

        private void deliver(DomainEvent event) {
            if (!open.get()) {
                return;
            }
            List<Channel> current = snapshot;
            if (current.isEmpty() || matchesAny(current, event)) {
                listener.event(event);
            }
        }

        private void end(Closure closure) {
            if (release()) {
                listener.closed(closure);
            }
        }

        private static boolean matchesAny(List<Channel> channels, DomainEvent event) {
            for (Channel channel : channels) {
                if (channel.matches(event)) {
                    return true;
                }
            }
            return false;
        }
    }
}
