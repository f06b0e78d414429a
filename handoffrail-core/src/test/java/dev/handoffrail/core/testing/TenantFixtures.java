package dev.handoffrail.core.testing;

import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import java.time.Instant;

/** Test-data builder for tenants: {@code aTenant().id(Fixtures.ACME).tier(Tier.PRO).build()}. Not thread-safe. */
public final class TenantFixtures {
    private TenantFixtures() {
    }

    /** A free-tier tenant named after its id, created at {@link Fixtures#T0}. */
    public static Builder aTenant() {
        return new Builder();
    }

    /** Builds tenants; every setter returns this builder. */
    public static final class Builder {
        private TenantId id = Fixtures.ACME;
        private String name;
        private Tier tier = Tier.FREE;
        private Integer handoffsPerDay;
        private Integer maxApiKeys;
        private Instant createdAt = Fixtures.T0;
        private Instant updatedAt;
        private Instant deletedAt;

        private Builder() {
        }

        public Builder id(TenantId value) {
            id = value;
            return this;
        }

        public Builder id(String value) {
            return id(new TenantId(value));
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder tier(Tier value) {
            tier = value;
            return this;
        }

        public Builder handoffsPerDay(Integer value) {
            handoffsPerDay = value;
            return this;
        }

        public Builder maxApiKeys(Integer value) {
            maxApiKeys = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        public Builder deletedAt(Instant value) {
            deletedAt = value;
            return this;
        }

        public Tenant build() {
            return new Tenant(id, name != null ? name : id.value(), tier, handoffsPerDay, maxApiKeys, createdAt,
                    updatedAt != null ? updatedAt : createdAt, deletedAt);
        }
    }
}
