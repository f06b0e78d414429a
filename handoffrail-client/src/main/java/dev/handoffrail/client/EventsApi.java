package dev.handoffrail.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Real-time events over Server-Sent Events ({@code GET /events}, http-api.md §17.5).
 *
 * <pre>{@code
 * try (EventSubscription events = rail.events().subscribe(EventFilter.agent("billing-01"),
 *         event -> System.out.println(event.type() + " " + event.packetId()))) {
 *     ...
 * }
 * }</pre>
 *
 * The key travels in the {@code X-API-Key} header, never in the URL. A dropped connection (network failure, the
 * server shutting down, a {@code 429} or {@code 5xx} on connecting) is reopened automatically after a backoff
 * that starts at {@link #DEFAULT_INITIAL_BACKOFF} and doubles (with jitter) up to {@link #DEFAULT_MAX_BACKOFF},
 * back to the start after each successful connection; a {@code Retry-After} or the stream's {@code retry:} field
 * is honoured when longer. A refusal with another {@code 4xx} (bad or revoked key, role too low, invalid channel)
 * ends the subscription and is given to {@link EventListener#onError}. Events are not replayed across a
 * reconnection: use {@code packets().list(...)} to catch up if you must see every change.
 */
public final class EventsApi {
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    private final Transport transport;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    EventsApi(Transport transport) {
        this(transport, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    private EventsApi(Transport transport, Duration initialBackoff, Duration maxBackoff) {
        this.transport = transport;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** The same API with another reconnection backoff. */
    public EventsApi withReconnectBackoff(Duration initial, Duration max) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max");
        }
        return new EventsApi(transport, initial, max);
    }

    /**
     * Opens a stream of the events {@code filter} selects and delivers them to {@code listener} on a daemon thread
     * of its own, until the returned subscription is closed. Returns at once; use
     * {@link EventSubscription#awaitConnected(Duration)} or {@link EventListener#onConnected} to know when events
     * flow.
     */
    public EventSubscription subscribe(EventFilter filter, EventListener listener) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(listener, "listener");
        EventSubscription subscription = new EventSubscription(transport, filter, listener,
                new RetryPolicy(Integer.MAX_VALUE, initialBackoff, maxBackoff, maxBackoff));
        subscription.start();
        return subscription;
    }
}
