package dev.handoffrail.core.testing;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Test-data builder for audit entries: {@code anEntry().action("revoked").at(t).build()} for a non-packet entry,
 * {@code historyOf(packetId).action("claimed").build()} for a packet history event. Not thread-safe.
 */
public final class AuditFixtures {
    private AuditFixtures() {
    }

    /** An {@code api_key} entry {@code created} by {@code key:admin} of {@link Fixtures#ACME} at T0. */
    public static Builder anEntry() {
        return new Builder(AuditResource.API_KEY, UUID.randomUUID().toString(), null).action("created");
    }

    /** A packet history event ({@code created}) of this packet. */
    public static Builder historyOf(PacketId packet) {
        return new Builder(AuditResource.PACKET, packet.toString(), packet);
    }

    /** Builds audit entries; every setter returns this builder. */
    public static final class Builder {
        private UUID id = UUID.randomUUID();
        private TenantId tenant = Fixtures.ACME;
        private AuditResource resource;
        private String resourceId;
        private PacketId packetId;
        private String action = "created";
        private String actor = "key:admin";
        private Map<String, Object> details = Map.of();
        private Instant timestamp = Fixtures.T0;
        private ApiKeyId apiKeyId;

        private Builder(AuditResource resource, String resourceId, PacketId packetId) {
            this.resource = resource;
            this.resourceId = resourceId;
            this.packetId = packetId;
        }

        public Builder tenant(TenantId value) {
            tenant = value;
            return this;
        }

        /** A non-packet resource and its id. */
        public Builder resource(AuditResource value, String id) {
            resource = value;
            resourceId = id;
            return this;
        }

        public Builder action(String value) {
            action = value;
            return this;
        }

        public Builder actor(String value) {
            actor = value;
            return this;
        }

        public Builder details(Map<String, Object> value) {
            details = value;
            return this;
        }

        public Builder at(Instant value) {
            timestamp = value;
            return this;
        }

        public Builder apiKey(ApiKeyId value) {
            apiKeyId = value;
            return this;
        }

        public AuditEntry build() {
            return new AuditEntry(id, tenant, resource, resourceId, packetId, action, actor, details, timestamp,
                    apiKeyId);
        }
    }
}
