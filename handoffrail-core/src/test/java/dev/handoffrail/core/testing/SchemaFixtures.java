package dev.handoffrail.core.testing;

import dev.handoffrail.core.schema.SchemaDefinition;
import dev.handoffrail.core.schema.SchemaId;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Test-data builder for context schemas: {@code aSchema().name("ticket").version(2).build()}. Not thread-safe. */
public final class SchemaFixtures {
    private SchemaFixtures() {
    }

    /** Version 1 of schema {@code ticket} of {@link Fixtures#ACME}, created at {@link Fixtures#T0}. */
    public static Builder aSchema() {
        return new Builder();
    }

    /** Builds schemas; every setter returns this builder. */
    public static final class Builder {
        private SchemaId id = SchemaId.random();
        private TenantId tenant = Fixtures.ACME;
        private String name = "ticket";
        private int version = 1;
        private Map<String, Object> jsonSchema = Map.of("type", "object",
                "required", List.of("summary"),
                "properties", Map.of("summary", Map.of("type", "string", "minLength", 3L)));
        private Instant createdAt = Fixtures.T0;

        private Builder() {
        }

        public Builder id(SchemaId value) {
            id = value;
            return this;
        }

        public Builder tenant(TenantId value) {
            tenant = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder version(int value) {
            version = value;
            return this;
        }

        public Builder jsonSchema(Map<String, Object> value) {
            jsonSchema = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public SchemaDefinition build() {
            return new SchemaDefinition(id, tenant, name, version, jsonSchema, createdAt);
        }
    }
}
