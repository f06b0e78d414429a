package dev.handoffrail.http.auth;

import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.port.in.AuthenticateUseCase.Authenticated;
import dev.handoffrail.core.port.out.RateLimiter;
import dev.handoffrail.core.port.out.RateLimiter.Decision;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.tenant.TierQuotaTable;
import dev.handoffrail.core.tenant.TierQuotas;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request rate windows of http-api.md §5.2: a sliding minute per API key and a fixed UTC hour per tenant,
 * counted through the core's {@link RateLimiter} port, and the {@code X-RateLimit-*} headers describing them.
 * Thread-safe.
 */
public final class RequestRateLimits {
    private static final Duration MINUTE = Duration.ofSeconds(60);
    private static final TierQuotaTable BUILT_IN = TierQuotaTable.defaults();

    private final RailSettings settings;
    private final RateLimiter limiter;
    private final Clock clock;
    private final RateLimitListener listener;

    public RequestRateLimits(RailSettings settings, RateLimiter limiter, Clock clock, RateLimitListener listener) {
        this.settings = settings;
        this.limiter = limiter;
        this.clock = clock;
        this.listener = listener;
    }

    /** The headers to send, and the refusal to answer with instead of the request when a window is exhausted. */
    public record Outcome(Map<String, String> headers, HandoffRailException refusal) {
    }

    /** Charges one request of {@code caller} to its key's minute and its tenant's hour. */
    public Outcome charge(Authenticated caller) {
        Instant now = clock.instant();
        Tier tier = caller.tenant().tier();
        TierQuotas quotas = settings.tiers().quotasFor(tier);
        Map<String, String> headers = new LinkedHashMap<>();
        long perMinute = perMinute(tier, quotas);
        Decision minute = null;
        if (!TierQuotas.isUnlimited(perMinute)) {
            minute = limiter.hitSliding("minute:" + caller.key().id(), perMinute, MINUTE, now);
            if (!minute.allowed()) {
                return refused(headers, minute, "minute", tier);
            }
        }
        Decision hour = null;
        if (!TierQuotas.isUnlimited(quotas.requestsPerHour())) {
            Instant hourStart = now.truncatedTo(ChronoUnit.HOURS);
            hour = limiter.hitFixed("hour:" + caller.tenant().id(), quotas.requestsPerHour(), hourStart,
                    hourStart.plus(Duration.ofHours(1)), now);
            if (!hour.allowed()) {
                return refused(headers, hour, "hour", tier);
            }
        }
        Decision primary = minute != null ? minute : hour;
        if (primary != null) {
            putTriple(headers, primary, primary.remaining());
        }
        headers.put("X-RateLimit-Tier", tier.wireName());
        if (hour != null) {
            headers.put("X-RateLimit-Hourly-Limit", Long.toString(hour.limit()));
            headers.put("X-RateLimit-Hourly-Remaining", Long.toString(hour.remaining()));
            headers.put("X-RateLimit-Hourly-Reset", Long.toString(hour.resetSeconds()));
        }
        return new Outcome(headers, null);
    }

    /**
     * {@code HR_RATE_LIMIT_PER_MINUTE} applies unless the operator configured a different {@code requests_per_minute}
     * for the tier (configuration.md: the tier's value overrides it).
     */
    private long perMinute(Tier tier, TierQuotas quotas) {
        long configured = quotas.requestsPerMinute();
        return configured != BUILT_IN.quotasFor(tier).requestsPerMinute() ? configured : settings.rateLimitPerMinute();
    }

    private Outcome refused(Map<String, String> headers, Decision decision, String window, Tier tier) {
        listener.refused(window, tier.wireName());
        putTriple(headers, decision, 0);
        headers.put("X-RateLimit-Tier", tier.wireName());
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("window", window);
        extras.put("retry_after", decision.resetSeconds());
        return new Outcome(headers, new HandoffRailException(ErrorCode.RATE_LIMITED, "Rate limit exceeded",
                "rate_limit", List.of(), extras));
    }

    private static void putTriple(Map<String, String> headers, Decision decision, long remaining) {
        headers.put("X-RateLimit-Limit", Long.toString(decision.limit()));
        headers.put("X-RateLimit-Remaining", Long.toString(remaining));
        headers.put("X-RateLimit-Reset", Long.toString(decision.resetSeconds()));
    }
}
