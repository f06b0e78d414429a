package dev.handoffrail.http.auth;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.ApiKeySecrets;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.port.in.AuthenticateUseCase.Authenticated;
import dev.handoffrail.core.port.out.EventBus;
import dev.handoffrail.core.port.out.RateLimiter;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication of presented API keys (http-api.md §2.2) with a short per-instance cache, and the per-IP
 * throttle of failed attempts. Revocations and tenant deletions evict cached keys: through the event bus from
 * every instance, and synchronously through {@link #invalidateKey} / {@link #invalidateTenant} on the instance
 * that made the change. Thread-safe; {@link #close()} stops listening to the bus.
 */
public final class Authenticator implements AutoCloseable {
    static final Duration FAILURE_WINDOW = Duration.ofSeconds(60);
    private static final int MAX_CACHED_KEYS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

    private final HandoffRail rail;
    private final RateLimiter limiter;
    private final Clock clock;
    private final Duration cacheTtl;
    private final long failuresPerMinute;
    private final RateLimitListener listener;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final AutoCloseable subscription;

    public Authenticator(HandoffRail rail, Duration cacheTtl, long failuresPerMinute, RateLimitListener listener) {
        this.rail = rail;
        this.listener = listener;
        this.limiter = rail.ports().rateLimiter();
        this.clock = rail.ports().clock();
        this.cacheTtl = cacheTtl;
        this.failuresPerMinute = failuresPerMinute;
        this.subscription = rail.ports().eventBus().subscribe(this::onMessage);
    }

    /**
     * The key and tenant behind {@code presentedKey} (null when no key was sent). A failure is {@code 401}, or
     * {@code 429 RATE_LIMITED} ({@code window: auth_failures}) once {@code clientIp} has failed more than the
     * limit within the sliding minute.
     */
    public Authenticated authenticate(String presentedKey, String clientIp) {
        Instant now = clock.instant();
        String cacheKey = presentedKey == null ? null : ApiKeySecrets.hash(presentedKey);
        if (cacheKey != null) {
            Cached cached = cache.get(cacheKey);
            if (cached != null && now.isBefore(cached.expiresAt())) {
                return cached.authenticated();
            }
        }
        Authenticated authenticated;
        try {
            authenticated = rail.authenticate().authenticate(presentedKey);
        } catch (HandoffRailException e) {
            throw throttled(e, clientIp, now);
        }
        if (cacheKey != null && cacheTtl.compareTo(Duration.ZERO) > 0) {
            if (cache.size() >= MAX_CACHED_KEYS) {
                cache.clear();
            }
            cache.put(cacheKey, new Cached(authenticated, now.plus(cacheTtl)));
        }
        return authenticated;
    }

    /** Forgets a key at once (call after revoking or rotating it on this instance). */
    public void invalidateKey(ApiKeyId key) {
        cache.values().removeIf(cached -> cached.authenticated().key().id().equals(key));
    }

    /** Forgets every key of a tenant at once (call after deleting or changing the tenant on this instance). */
    public void invalidateTenant(TenantId tenant) {
        cache.values().removeIf(cached -> cached.authenticated().key().tenant().equals(tenant));
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.warn("closing the event bus subscription failed", e);
        }
    }

    private void onMessage(EventBus.Message message) {
        if (message instanceof EventBus.KeyRevoked revoked) {
            invalidateKey(revoked.keyId());
        } else if (message instanceof EventBus.TenantDeleted deleted) {
            invalidateTenant(deleted.tenant());
        }
    }

    private HandoffRailException throttled(HandoffRailException failure, String clientIp, Instant now) {
        if (!isAuthenticationFailure(failure.code())) {
            return failure;
        }
        RateLimiter.Decision decision =
                limiter.hitSliding("auth_failures:" + clientIp, failuresPerMinute, FAILURE_WINDOW, now);
        if (decision.allowed()) {
            return failure;
        }
        listener.refused("auth_failures", "none");
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("window", "auth_failures");
        extras.put("retry_after", decision.resetSeconds());
        return new HandoffRailException(ErrorCode.RATE_LIMITED, "Too many failed authentication attempts",
                "rate_limit", List.of(), extras);
    }

    private static boolean isAuthenticationFailure(ErrorCode code) {
        return code == ErrorCode.UNAUTHORIZED || code == ErrorCode.KEY_REVOKED || code == ErrorCode.TENANT_DELETED;
    }

    private record Cached(Authenticated authenticated, Instant expiresAt) {
    }
}
