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
 * @param leaseMaxReleases how often an expired claim lease may return a packet to {@code created}; the next expiry
 *     fails it ({@code lease_expired_too_often})
 */
public record RailSettings(TierQuotaTable tiers, Tier defaultTier, Duration packetTtl,
                           boolean developmentEnvironment, List<Duration> webhookRetryDelays,
                           Duration webhookTimeout, Set<String> webhookAllowedHosts, long rateLimitPerMinute,
                           long authFailuresPerMinute, int leaseMaxReleases) {
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
        if (leaseMaxReleases < 0) {
            throw new IllegalArgumentException("leaseMaxReleases must be >= 0");
        }
    }

    /** Settings with the default {@link #DEFAULT_LEASE_MAX_RELEASES}. */
    public RailSettings(TierQuotaTable tiers, Tier defaultTier, Duration packetTtl, boolean developmentEnvironment,
                        List<Duration> webhookRetryDelays, Duration webhookTimeout, Set<String> webhookAllowedHosts,
                        long rateLimitPerMinute, long authFailuresPerMinute) {
        this(tiers, defaultTier, packetTtl, developmentEnvironment, webhookRetryDelays, webhookTimeout,
                webhookAllowedHosts, rateLimitPerMinute, authFailuresPerMinute, DEFAULT_LEASE_MAX_RELEASES);
    }

    /** How often an expired lease returns a packet to the queue before the next expiry fails it, by default. */
    public static final int DEFAULT_LEASE_MAX_RELEASES = 3;

    public static RailSettings defaults() {
        return new RailSettings(TierQuotaTable.defaults(), Tier.FREE, Duration.ofSeconds(86_400), true,
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5),
                        Duration.ofHours(1), Duration.ofHours(6)),
                Duration.ofSeconds(10), Set.of(), 60, 30);
    }

    public RailSettings withAuthFailuresPerMinute(long limit) {
        return new RailSettings(tiers, defaultTier, packetTtl, developmentEnvironment, webhookRetryDelays,
                webhookTimeout, webhookAllowedHosts, rateLimitPerMinute, limit, leaseMaxReleases);
    }

    public RailSettings withLeaseMaxReleases(int max) {
        return new RailSettings(tiers, defaultTier, packetTtl, developmentEnvironment, webhookRetryDelays,
                webhookTimeout, webhookAllowedHosts, rateLimitPerMinute, authFailuresPerMinute, max);
    }
}
