package dev.handoffrail.http.key;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.handoffrail.core.auth.ApiKey;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.tenant.Tier;

/**
 * The API key representation of http-api.md §7.5: Jackson writes the components in declaration order, the
 * contract's, with absent values as {@code null}. {@code key} holds the secret only when a key is issued (create
 * and rotate). Immutable.
 */
public record KeyResponse(String id, String name, @JsonProperty("key_prefix") String keyPrefix,
                          @JsonProperty("tenant_id") String tenantId, String role,
                          @JsonProperty("platform_admin") boolean platformAdmin, String tier, boolean revoked,
                          @JsonProperty("created_at") String createdAt, @JsonProperty("revoked_at") String revokedAt,
                          @JsonProperty("last_used_at") String lastUsedAt, String key) {

    /** The key as listed: {@code key} is null. */
    public static KeyResponse listed(ApiKey key, Tier tier) {
        return issued(key, tier, null);
    }

    /** The key with its secret in {@code key}; {@code tier} null when the tenant is unknown. */
    public static KeyResponse issued(ApiKey key, Tier tier, String secret) {
        return new KeyResponse(key.id().toString(), key.name(), key.prefix(), key.tenant().value(),
                key.role().wireName(), key.platformAdmin(), tier == null ? null : tier.wireName(), key.revoked(),
                Timestamps.format(key.createdAt()), Timestamps.format(key.revokedAt()),
                Timestamps.format(key.lastUsedAt()), secret);
    }
}
