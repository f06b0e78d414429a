package dev.handoffrail.client;

import dev.handoffrail.client.model.PacketStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Which events a subscription receives (http-api.md §17.2): a set of channels {@code status:<status>},
 * {@code packet:<id>} and {@code agent:<id>}; an event is delivered when <b>any</b> channel matches, and
 * {@link #all()} (no channel) receives every event of the key's tenant. At most 100 channels. Immutable.
 *
 * <pre>{@code
 * EventFilter filter = EventFilter.agent("billing-01").orStatus(PacketStatus.AWAITING_HUMAN);
 * }</pre>
 */
public final class EventFilter {
    /** The server's limit of subscriptions per connection. */
    public static final int MAX_CHANNELS = 100;
    private static final EventFilter ALL = new EventFilter(List.of());

    private final List<String> channels;

    private EventFilter(List<String> channels) {
        this.channels = List.copyOf(channels);
    }

    /** Every event of the tenant. */
    public static EventFilter all() {
        return ALL;
    }

    public static EventFilter status(PacketStatus status) {
        return ALL.orStatus(status);
    }

    public static EventFilter packet(String packetId) {
        return ALL.orPacket(packetId);
    }

    /** Events of packets whose source or target agent is {@code agentId}. */
    public static EventFilter agent(String agentId) {
        return ALL.orAgent(agentId);
    }

    /** Channels as the contract writes them ({@code status:created}); each is checked here. */
    public static EventFilter channels(String... channels) {
        EventFilter filter = ALL;
        for (String channel : channels) {
            filter = filter.orChannel(channel);
        }
        return filter;
    }

    public EventFilter orStatus(PacketStatus status) {
        return orChannel("status:" + Objects.requireNonNull(status, "status").wireName());
    }

    public EventFilter orPacket(String packetId) {
        return orChannel("packet:" + Objects.requireNonNull(packetId, "packetId"));
    }

    public EventFilter orAgent(String agentId) {
        return orChannel("agent:" + Objects.requireNonNull(agentId, "agentId"));
    }

    /**
     * This filter and one more channel. A channel not of the form {@code status:}, {@code packet:} or
     * {@code agent:} followed by a non-empty value, or one past the hundredth, is an
     * {@link IllegalArgumentException}.
     */
    public EventFilter orChannel(String channel) {
        Objects.requireNonNull(channel, "channel");
        int colon = channel.indexOf(':');
        String kind = colon < 0 ? "" : channel.substring(0, colon);
        if (!List.of("status", "packet", "agent").contains(kind) || colon == channel.length() - 1) {
            throw new IllegalArgumentException("Invalid channel: " + channel
                    + " (expected status:<status>, packet:<id> or agent:<id>)");
        }
        LinkedHashSet<String> next = new LinkedHashSet<>(channels);
        next.add(channel);
        if (next.size() > MAX_CHANNELS) {
            throw new IllegalArgumentException("Too many subscriptions: at most " + MAX_CHANNELS + " channels");
        }
        return new EventFilter(new ArrayList<>(next));
    }

    /** The channels, in the order added; empty for {@link #all()}. */
    public List<String> channels() {
        return channels;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventFilter filter && filter.channels.equals(channels);
    }

    @Override
    public int hashCode() {
        return channels.hashCode();
    }

    @Override
    public String toString() {
        return channels.isEmpty() ? "all events" : String.join(", ", channels);
    }
}
