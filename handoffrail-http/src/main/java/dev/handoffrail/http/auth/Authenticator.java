package dev.handoffrail.http.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.auth.ApiKeyId;
import dev.handoffrail.core.auth.ApiKeySecrets;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.port.in.AuthenticateUseCase.Authenticated;
import dev.handoffrail.core.port.in.RateLimitUseCase;
import dev.handoffrail.core.port.in.RevocationsUseCase;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication of presented API keys (http-api.md §2.2) through the core, with a short per-instance Caffeine
 * cache keyed by the key's hash: entries live {@code cacheTtl} after they were written (by the rail's clock), at
 * most {@value #MAX_CACHED_KEYS} of them. Revocations, tenant deletions and tenant changes (a tier, for the rate
 * limits) evict cached keys: from every instance
 * through the rail's {@link RevocationsUseCase}, and synchronously through {@link #invalidateKey} /
 * {@link #invalidateTenant} on the instance that made the change. Failures are charged to the client's
 * failed-authentication window in the core. Thread-safe; {@link #close()} stops listening for revocations.
 */
public final class Authenticator implements AutoCloseable {
    static final int MAX_CACHED_KEYS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

    private final HandoffRail rail;
    private final RateLimitListener listener;
    private final Cache<String, Authenticated> cache;
    private final AutoCloseable subscription;

    public Authenticator(HandoffRail rail, Duration cacheTtl, RateLimitListener listener) {
        this.rail = rail;
        this.listener = listener;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(cacheTtl)
                .maximumSize(MAX_CACHED_KEYS)
                .ticker(ticker(rail.clock()))
                .build();
        this.subscription = rail.revocations().subscribe(new RevocationsUseCase.Listener() {
            @Override
            public void keyRevoked(ApiKeyId key) {
                invalidateKey(key);
            }

            @Override
            public void tenantDeleted(TenantId tenant) {
                invalidateTenant(tenant);
            }

            @Override
            public void tenantChanged(TenantId tenant) {
                invalidateTenant(tenant);
            }
        });
    }

    /**
     * The key and tenant behind {@code presentedKey} (null when no key was sent). A failure is {@code 401}, or
     * {@code 429 RATE_LIMITED} ({@code window: auth_failures}) once {@code clientIp} has failed more than the
     * limit within the sliding minute.
     */
    public Authenticated authenticate(String presentedKey, String clientIp) {
        String cacheKey = presentedKey == null ? null : ApiKeySecrets.hash(presentedKey);
        if (cacheKey != null) {
            Authenticated cached = cache.getIfPresent(cacheKey);
            if (cached != null) {
                return cached;
            }
        }
        Authenticated authenticated;
        try {
            authenticated = rail.authenticate().authenticate(presentedKey);
        } catch (HandoffRailException e) {
            HandoffRailException answer = rail.rateLimits().chargeFailedAuthentication(clientIp, e);
            if (answer != e) {
                listener.refused(RateLimitUseCase.AUTH_FAILURES, "none");
            }
            throw answer;
        }
        if (cacheKey != null) {
            cache.put(cacheKey, authenticated);
        }
        return authenticated;
    }

    /** Forgets a key at once (call after revoking or rotating it on this instance). */
    public void invalidateKey(ApiKeyId key) {
        cache.asMap().values().removeIf(cached -> cached.key().id().equals(key));
    }

    /** Forgets every key of a tenant at once (call after deleting or changing the tenant on this instance). */
    public void invalidateTenant(TenantId tenant) {
        cache.asMap().values().removeIf(cached -> cached.key().tenant().equals(tenant));
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.warn("closing the revocation subscription failed", e);
        }
    }

    /** Cache time is the rail's time, so that expiry follows the same clock as everything else. */
    private static Ticker ticker(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }
}
