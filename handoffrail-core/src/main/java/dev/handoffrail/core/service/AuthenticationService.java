package dev.handoffrail.core.service;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.auth.ApiKey;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.ApiKeySecrets;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.port.in.AuthenticateUseCase;
import dev.handoffrail.core.port.out.ApiKeyStore;
import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.tenant.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates presented API keys (http-api.md §2.2) against their stored SHA-256 hashes, in constant time, and
 * records {@code last_used_at} at most once a minute per key. Thread-safe.
 */
public final class AuthenticationService implements AuthenticateUseCase {
    static final String MISSING_KEY = "Missing X-API-Key header";
    static final String INVALID_KEY = "Invalid API key";
    static final String REVOKED = "API key has been revoked";
    static final String TENANT_DELETED = "Tenant has been deleted";
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final ApiKeyStore keys;
    private final TenantStore tenants;
    private final Clock clock;
    private final Map<ApiKeyId, Instant> lastTouched = new ConcurrentHashMap<>();

    public AuthenticationService(ApiKeyStore keys, TenantStore tenants, Clock clock) {
        this.keys = requireNonNull(keys, "keys");
        this.tenants = requireNonNull(tenants, "tenants");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public Authenticated authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            throw Errors.unauthorized(MISSING_KEY);
        }
        if (!ApiKeySecrets.hasKeyShape(presentedKey)) {
            throw Errors.unauthorized(INVALID_KEY);
        }
        ApiKey key = keys.findByHash(ApiKeySecrets.hash(presentedKey))
                .filter(k -> ApiKeySecrets.matches(presentedKey, k.secretHash()))
                .orElseThrow(() -> Errors.unauthorized(INVALID_KEY));
        if (key.revoked()) {
            throw new HandoffRailException(ErrorCode.KEY_REVOKED, REVOKED);
        }
        Tenant tenant = tenants.find(key.tenant()).filter(t -> !t.deleted())
                .orElseThrow(() -> new HandoffRailException(ErrorCode.TENANT_DELETED, TENANT_DELETED));
        return new Authenticated(touch(key), tenant);
    }

    /** Records the use unless this key was recorded less than a minute ago, here or (per the store) elsewhere. */
    private ApiKey touch(ApiKey key) {
        Instant now = Timestamps.micros(clock.instant());
        if (recentlyUsed(key.lastUsedAt(), now)) {
            return key;
        }
        boolean[] due = new boolean[1];
        lastTouched.compute(key.id(), (id, previous) -> {
            due[0] = !recentlyUsed(previous, now);
            return due[0] ? now : previous;
        });
        if (!due[0]) {
            return key;
        }
        keys.touchLastUsed(key.id(), now);
        return key.usedAt(now);
    }

    private static boolean recentlyUsed(Instant lastUsed, Instant now) {
        return lastUsed != null && lastUsed.plus(TOUCH_INTERVAL).isAfter(now);
    }
}
