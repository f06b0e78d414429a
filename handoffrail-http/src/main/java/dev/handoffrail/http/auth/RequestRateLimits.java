package dev.handoffrail.http.auth;

import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.port.in.AuthenticateUseCase.Authenticated;
import dev.handoffrail.core.port.in.RateLimitUseCase;
import dev.handoffrail.core.port.in.RateLimitUseCase.RateWindow;
import dev.handoffrail.core.port.in.RateLimitUseCase.RequestAdmission;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code X-RateLimit-*} headers of http-api.md §5.2 for the core's answer to a request
 * ({@link RateLimitUseCase}): which windows apply and how full they are is the core's rule; this only writes
 * them down. Thread-safe.
 */
public final class RequestRateLimits {
    private final RateLimitUseCase rateLimits;
    private final RateLimitListener listener;

    public RequestRateLimits(RateLimitUseCase rateLimits, RateLimitListener listener) {
        this.rateLimits = rateLimits;
        this.listener = listener;
    }

    /** The headers to send, and the refusal to answer with instead of the request when a window is exhausted. */
    public record Outcome(Map<String, String> headers, HandoffRailException refusal) {
    }

    /** Charges one request of {@code caller} to its key's minute and its tenant's hour. */
    public Outcome charge(Authenticated caller) {
        RequestAdmission admission = rateLimits.chargeRequest(caller);
        String tier = admission.tier().wireName();
        Map<String, String> headers = new LinkedHashMap<>();
        RateWindow primary = admission.primary();
        if (primary != null) {
            headers.put("X-RateLimit-Limit", Long.toString(primary.limit()));
            headers.put("X-RateLimit-Remaining", Long.toString(primary.remaining()));
            headers.put("X-RateLimit-Reset", Long.toString(primary.resetSeconds()));
        }
        headers.put("X-RateLimit-Tier", tier);
        if (!admission.admitted()) {
            listener.refused(admission.refusedBy().name(), tier);
            return new Outcome(headers, admission.refusal().orElseThrow());
        }
        RateWindow hour = admission.hour();
        if (hour != null) {
            headers.put("X-RateLimit-Hourly-Limit", Long.toString(hour.limit()));
            headers.put("X-RateLimit-Hourly-Remaining", Long.toString(hour.remaining()));
            headers.put("X-RateLimit-Hourly-Reset", Long.toString(hour.resetSeconds()));
        }
        return new Outcome(headers, null);
    }
}
