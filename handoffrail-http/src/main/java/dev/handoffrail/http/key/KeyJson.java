package dev.handoffrail.http.key;

import dev.handoffrail.core.auth.ApiKey;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.tenant.Tier;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API key representation of http-api.md §7.5. Stateless. */
public final class KeyJson {
    private KeyJson() {
    }

    /** The key as listed: {@code key} is null. */
    public static Map<String, Object> key(ApiKey key, Tier tier) {
        return key(key, tier, null);
    }

    /** The key with its secret in {@code key} (create and rotate only), or null. */
    public static Map<String, Object> key(ApiKey key, Tier tier, String secret) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", key.id().toString());
        json.put("name", key.name());
        json.put("key_prefix", key.prefix());
        json.put("tenant_id", key.tenant().value());
        json.put("role", key.role().wireName());
        json.put("platform_admin", key.platformAdmin());
        json.put("tier", tier == null ? null : tier.wireName());
        json.put("revoked", key.revoked());
        json.put("created_at", Timestamps.format(key.createdAt()));
        json.put("revoked_at", Timestamps.format(key.revokedAt()));
        json.put("last_used_at", Timestamps.format(key.lastUsedAt()));
        json.put("key", secret);
        return json;
    }
}
