package dev.handoffrail.core.service;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.port.in.AuthenticateUseCase.Authenticated;
import dev.handoffrail.core.port.in.RateLimitUseCase;
import dev.handoffrail.core.port.out.RateLimiter;
import dev.handoffrail.core.port.out.RateLimiter.Decision;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.tenant.TierQuotaTable;
import dev.handoffrail.core.tenant.TierQuotas;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;

/**
 * The rate windows of http-api.md §5.2 and §2.2 counted through the {@link RateLimiter} port (in memory for one
 * instance, shared storage across instances). Thread-safe.
 */
public final class RateLimitService implements RateLimitUseCase {
    private static final Duration MINUTE_WINDOW = Duration.ofSeconds(60);
    private static final TierQuotaTable BUILT_IN = TierQuotaTable.defaults();
    private static final Set<ErrorCode> AUTHENTICATION_FAILURES =
            EnumSet.of(ErrorCode.UNAUTHORIZED, ErrorCode.KEY_REVOKED, ErrorCode.TENANT_DELETED);

    private final RateLimiter limiter;
    private final Clock clock;
    private final RailSettings settings;

    public RateLimitService(RateLimiter limiter, Clock clock, RailSettings settings) {
        this.limiter = requireNonNull(limiter, "limiter");
        this.clock = requireNonNull(clock, "clock");
        this.settings = requireNonNull(settings, "settings");
    }

    @Override
    public RequestAdmission chargeRequest(Authenticated caller) {
        Instant now = clock.instant();
        Tier tier = caller.tenant().tier();
        TierQuotas quotas = settings.tiers().quotasFor(tier);
        long perMinute = perMinute(tier, quotas);
        RateWindow minute = null;
        if (!TierQuotas.isUnlimited(perMinute)) {
            Decision decision = limiter.hitSliding(MINUTE + ":" + caller.key().id(), perMinute, MINUTE_WINDOW, now);
            minute = window(MINUTE, decision);
            if (!decision.allowed()) {
                return new RequestAdmission(tier, minute, null, minute);
            }
        }
        RateWindow hour = null;
        if (!TierQuotas.isUnlimited(quotas.requestsPerHour())) {
            Instant hourStart = now.truncatedTo(ChronoUnit.HOURS);
            Decision decision = limiter.hitFixed(HOUR + ":" + caller.tenant().id(), quotas.requestsPerHour(),
                    hourStart, hourStart.plus(Duration.ofHours(1)), now);
            hour = window(HOUR, decision);
            if (!decision.allowed()) {
                return new RequestAdmission(tier, minute, hour, hour);
            }
        }
        return new RequestAdmission(tier, minute, hour, null);
    }

    @Override
    public HandoffRailException chargeFailedAuthentication(String client, HandoffRailException failure) {
        if (!AUTHENTICATION_FAILURES.contains(failure.code())) {
            return failure;
        }
        Decision decision = limiter.hitSliding(AUTH_FAILURES + ":" + client, settings.authFailuresPerMinute(),
                MINUTE_WINDOW, clock.instant());
        if (decision.allowed()) {
            return failure;
        }
        return RequestAdmission.rateLimited("Too many failed authentication attempts", AUTH_FAILURES,
                decision.resetSeconds());
    }

    /**
     * {@code HR_RATE_LIMIT_PER_MINUTE} applies unless the operator configured a different {@code requests_per_minute}
     * for the tier (configuration.md: the tier's value overrides it).
     */
    private long perMinute(Tier tier, TierQuotas quotas) {
        long configured = quotas.requestsPerMinute();
        return configured != BUILT_IN.quotasFor(tier).requestsPerMinute() ? configured : settings.rateLimitPerMinute();
    }

    private static RateWindow window(String name, Decision decision) {
        return new RateWindow(name, decision.limit(), decision.allowed() ? decision.remaining() : 0,
                decision.resetSeconds());
    }
}
