package dev.handoffrail.core.testing;

import dev.handoffrail.core.auth.ApiKey;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Test-data builder for stored API keys: {@code aKey().tenant(t).role(Role.ADMIN).build()}. Each key gets a random
 * id and a distinct secret hash (lower-case hex SHA-256 of {@link #secret()}). Not thread-safe.
 */
public final class ApiKeyFixtures {
    private ApiKeyFixtures() {
    }

    /** A writer key of {@link Fixtures#ACME} created at {@link Fixtures#T0}. */
    public static Builder aKey() {
        return new Builder();
    }

    /** The lower-case hex SHA-256 of {@code secret}, as stores keep it. */
    public static String sha256Hex(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Builds keys; every setter returns this builder. */
    public static final class Builder {
        private ApiKeyId id = ApiKeyId.random();
        private TenantId tenant = Fixtures.ACME;
        private String name = "ci";
        private String secret = "hr_live_" + UUID.randomUUID().toString().replace("-", "");
        private Role role = Role.WRITER;
        private boolean platformAdmin;
        private Instant createdAt = Fixtures.T0;
        private Instant revokedAt;
        private Instant lastUsedAt;

        private Builder() {
        }

        public Builder id(ApiKeyId value) {
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

        public Builder secret(String value) {
            secret = value;
            return this;
        }

        public Builder role(Role value) {
            role = value;
            return this;
        }

        /** A platform-admin key (role admin). */
        public Builder platformAdmin() {
            role = Role.ADMIN;
            platformAdmin = true;
            return this;
        }

        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public Builder revokedAt(Instant value) {
            revokedAt = value;
            return this;
        }

        public Builder lastUsedAt(Instant value) {
            lastUsedAt = value;
            return this;
        }

        /** The secret whose hash the built key carries. */
        public String secret() {
            return secret;
        }

        public ApiKey build() {
            return new ApiKey(id, tenant, name, secret.substring(0, 12), sha256Hex(secret), role, platformAdmin,
                    createdAt, revokedAt, lastUsedAt);
        }
    }
}
