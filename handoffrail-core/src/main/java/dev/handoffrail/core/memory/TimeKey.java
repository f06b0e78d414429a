package dev.handoffrail.core.memory;

import dev.handoffrail.core.packet.Packet;
import java.time.Instant;

/**
 * A packet's place in an index ordered by one of its timestamps, ties broken by its id as lower-case canonical text
 * (PostgreSQL's {@code uuid} order): list order on {@code created_at}, expiry order on {@code status_changed_at},
 * purge order on {@code updated_at}. {@link #first} and {@link #last} bound every key of one instant, since id texts
 * are 36 characters of {@code [0-9a-f-]}.
 */
record TimeKey(Instant time, String id) implements Comparable<TimeKey> {
    private static final String BEFORE_EVERY_ID = "";
    private static final String AFTER_EVERY_ID = "\uffff";

    static TimeKey of(Instant time, Packet packet) {
        return new TimeKey(time, packet.id().toString());
    }

    /** Sorts before every packet's key at {@code time}. */
    static TimeKey first(Instant time) {
        return new TimeKey(time, BEFORE_EVERY_ID);
    }

    /** Sorts after every packet's key at {@code time}. */
    static TimeKey last(Instant time) {
        return new TimeKey(time, AFTER_EVERY_ID);
    }

    @Override
    public int compareTo(TimeKey other) {
        int byTime = time.compareTo(other.time);
        return byTime != 0 ? byTime : id.compareTo(other.id);
    }
}
