package dev.handoffrail.core.testing;

import dev.handoffrail.core.packet.PacketCursor;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Priority;
import java.time.Instant;
import java.util.Set;

/** Test-data builder for list queries: {@code aQuery().statuses(CREATED).tags("billing").limit(3).build()}. */
public final class PacketQueries {
    private PacketQueries() {
    }

    /** No filters, default limit, newest first. */
    public static Builder aQuery() {
        return new Builder();
    }

    /** Builds list queries; every setter returns this builder. Not thread-safe. */
    public static final class Builder {
        private Set<PacketStatus> statuses = Set.of();
        private String sourceAgent;
        private String targetAgent;
        private Set<String> tags = Set.of();
        private Priority priority;
        private Boolean hitlRequired;
        private Instant createdAfter;
        private Instant createdBefore;
        private int limit = PacketQuery.DEFAULT_LIMIT;
        private int offset;
        private PacketCursor cursor;
        private boolean oldestFirst;

        private Builder() {
        }

        public Builder statuses(PacketStatus... values) {
            statuses = Set.of(values);
            return this;
        }

        public Builder sourceAgent(String value) {
            sourceAgent = value;
            return this;
        }

        public Builder targetAgent(String value) {
            targetAgent = value;
            return this;
        }

        public Builder tags(String... values) {
            tags = Set.of(values);
            return this;
        }

        public Builder priority(Priority value) {
            priority = value;
            return this;
        }

        public Builder hitlRequired(Boolean value) {
            hitlRequired = value;
            return this;
        }

        public Builder createdAfter(Instant value) {
            createdAfter = value;
            return this;
        }

        public Builder createdBefore(Instant value) {
            createdBefore = value;
            return this;
        }

        public Builder limit(int value) {
            limit = value;
            return this;
        }

        public Builder offset(int value) {
            offset = value;
            return this;
        }

        public Builder cursor(PacketCursor value) {
            cursor = value;
            return this;
        }

        public Builder oldestFirst() {
            oldestFirst = true;
            return this;
        }

        public PacketQuery build() {
            return new PacketQuery(statuses, sourceAgent, targetAgent, tags, priority, hitlRequired, createdAfter,
                    createdBefore, limit, offset, cursor, oldestFirst);
        }
    }
}
