package dev.handoffrail.core.port.in;

import dev.handoffrail.core.event.Channel;
import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.port.in.AuthenticateUseCase.Authenticated;
import dev.handoffrail.core.tenant.Tier;
import java.util.List;

/**
 * Real-time connections (http-api.md §17, §5.4): a connection of an authenticated key receives its tenant's packet
 * events, filtered by its channels, each event once, whichever instance caused it. Opening counts against the
 * tenant's {@code max_realtime_connections} on all instances; a revoked key, a deleted tenant or the rail's
 * shutdown ends the connection through its {@link Listener}. Thread-safe.
 */
public interface RealtimeUseCase {
    /** The most channels one connection may hold (§17.2). */
    int MAX_SUBSCRIPTIONS = 100;
    /** The {@code window} of the {@code 429 RATE_LIMITED} refusing a connection over the limit (§5.4). */
    String CONNECTIONS = "connections";

    /**
     * Opens a connection for {@code caller} ({@code SUBSCRIBE_EVENTS}: {@code 403} below reader). Refused with
     * {@code 429 RATE_LIMITED} ({@code window: connections}) when the tenant already has its limit of connections
     * open, and {@code 503 SERVICE_UNAVAILABLE} when the shared connection count cannot be reached or the rail is
     * shutting down. The caller must {@link Connection#close()} it.
     */
    Connection open(Authenticated caller, Listener listener);

    /** Receives a connection's events and its end. Called on the event bus's thread: must be fast, never throw. */
    interface Listener {
        /** An event of the connection's tenant that one of its channels matches (any, with no channels). */
        void event(DomainEvent event);

        /** The rail ended the connection; it is already closed and counted no more. Called at most once. */
        void closed(Closure closure);
    }

    /** Why the rail ended a connection, with the text a client can act on. */
    enum Closure {
        KEY_REVOKED("API key has been revoked"),
        TENANT_DELETED("Tenant has been deleted"),
        SHUTDOWN("Server shutting down; reconnect");

        private final String reason;

        Closure(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** One open connection. Thread-safe; {@link #close()} is idempotent. */
    interface Connection extends AutoCloseable {
        /** A fresh UUID naming the connection. */
        String id();

        /** The tenant's tier when the connection opened. */
        Tier tier();

        /**
         * Adds {@code channel}; false, and nothing changes, when the connection already holds
         * {@link #MAX_SUBSCRIPTIONS} other channels. Subscribing twice to one channel keeps one subscription.
         */
        boolean subscribe(Channel channel);

        /** Removes {@code channel}; false when the connection did not hold it. */
        boolean unsubscribe(Channel channel);

        /** The channels held, in subscription order. */
        List<Channel> channels();

        /** Tells the shared connection count that this connection is still open (call every half minute). */
        void heartbeat();

        /** Stops the events and frees the connection's place in the count. */
        @Override
        void close();
    }
}
