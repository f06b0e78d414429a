package dev.handoffrail.core.port.in;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.port.in.AuthenticateUseCase.Authenticated;
import dev.handoffrail.core.tenant.Tier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request rate windows of http-api.md §5.2 (a sliding minute per API key, a fixed UTC hour per tenant) and
 * the failed-authentication throttle per client of §2.2. Adapters charge every authenticated request and every
 * failed authentication here and turn the answers into their own protocol (headers, status).
 */
public interface RateLimitUseCase {
    /** Window names as they appear in {@code window} of a {@code 429 RATE_LIMITED} and in metrics. */
    String MINUTE = "minute";
    String HOUR = "hour";
    String AUTH_FAILURES = "auth_failures";

    /**
     * Charges one request of {@code caller} to its key's minute, then its tenant's hour. A refused request is not
     * counted in the window that refused it.
     */
    RequestAdmission chargeRequest(Authenticated caller);

    /**
     * Charges {@code failure} of an authentication attempt from {@code client} (an opaque client identity, e.g.
     * an IP address) and answers what to report: the failure itself, or the {@code 429 RATE_LIMITED}
     * ({@code window: auth_failures}) once more than the configured number of authentication failures
     * ({@code UNAUTHORIZED}, {@code KEY_REVOKED}, {@code TENANT_DELETED}) came from {@code client} within the
     * sliding minute. Other failures are answered unchanged and not counted.
     */
    HandoffRailException chargeFailedAuthentication(String client, HandoffRailException failure);

    /**
     * The state of one window after a charge: its limit, what is left (0 in a refusal) and whole seconds (≥ 1)
     * until it admits one more request.
     */
    record RateWindow(String name, long limit, long remaining, long resetSeconds) {
        public RateWindow {
            requireNonNull(name, "name");
        }
    }

    /**
     * The answer to one request: the tenant's tier, the minute and hour windows that apply (null when unlimited,
     * or not reached because an earlier window refused) and, when refused, the window that refused it.
     */
    record RequestAdmission(Tier tier, RateWindow minute, RateWindow hour, RateWindow refusedBy) {
        public RequestAdmission {
            requireNonNull(tier, "tier");
        }

        public boolean admitted() {
            return refusedBy == null;
        }

        /** The window a client should watch: the refusing one, else the minute, else the hour (null: neither). */
        public RateWindow primary() {
            if (refusedBy != null) {
                return refusedBy;
            }
            return minute != null ? minute : hour;
        }

        /** The {@code 429 RATE_LIMITED} of a refused request ({@code field: rate_limit}, window, retry_after). */
        public Optional<HandoffRailException> refusal() {
            if (refusedBy == null) {
                return Optional.empty();
            }
            return Optional.of(rateLimited("Rate limit exceeded", refusedBy.name(), refusedBy.resetSeconds()));
        }

        /** The {@code 429 RATE_LIMITED} body of http-api.md §5.2 for {@code window}, retry after {@code seconds}. */
        public static HandoffRailException rateLimited(String detail, String window, long seconds) {
            Map<String, Object> extras = new LinkedHashMap<>();
            extras.put("window", window);
            extras.put("retry_after", seconds);
            return new HandoffRailException(ErrorCode.RATE_LIMITED, detail, "rate_limit", List.of(), extras);
        }
    }
}
