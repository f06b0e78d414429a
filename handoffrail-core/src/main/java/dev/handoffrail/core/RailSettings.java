package dev.handoffrail.core;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.tenant.TierQuotaTable;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The rules' tunable values (http-api.md and configuration.md defaults in {@link #defaults()}). Immutable.
 *
 * @param developmentEnvironment {@code HR_ENVIRONMENT=dev}: webhook URLs may use {@code http}
 * @param webhookRetryDelays delays between attempts; attempts = delays + 1
 * @param webhookAllowedHosts hosts that skip the SSRF address rules and may use {@code http}
 * @param rateLimitPerMinute per-key sliding window when the tier does not say otherwise
 * @param authFailuresPerMinute failed authentications per client within a sliding minute before {@code 429}
 */
public record RailSettings(TierQuotaTable tiers, Tier defaultTier, Duration packetTtl,
                           boolean developmentEnvironment, List<Duration> webhookRetryDelays,
                           Duration webhookTimeout, Set<String> webhookAllowedHosts, long rateLimitPerMinute,
                           long authFailuresPerMinute) {
    public RailSettings {
        requireNonNull(tiers, "tiers");
        requireNonNull(defaultTier, "defaultTier");
        requireNonNull(packetTtl, "packetTtl");
        webhookRetryDelays = List.copyOf(webhookRetryDelays);
        requireNonNull(webhookTimeout, "webhookTimeout");
        webhookAllowedHosts = Set.copyOf(webhookAllowedHosts);
        if (authFailuresPerMinute < 1) {
            throw new IllegalArgumentException("authFailuresPerMinute must be >= 1");
        }
    }

    public static RailSettings defaults() {
        return new RailSettings(TierQuotaTable.defaults(), Tier.FREE, Duration.ofSeconds(86_400), true,
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5),
                        Duration.ofHours(1), Duration.ofHours(6)),
                Duration.ofSeconds(10), Set.of(), 60, 30);
    }

    public RailSettings withAuthFailuresPerMinute(long limit) {
        return new RailSettings(tiers, defaultTier, packetTtl, developmentEnvironment, webhookRetryDelays,
                webhookTimeout, webhookAllowedHosts, rateLimitPerMinute, limit);
    }
}
