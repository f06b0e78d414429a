package dev.handoffrail.core.service;

import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.json.JsonWriter;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketRepresentation;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.tenant.QuotaDecision;
import dev.handoffrail.core.tenant.QuotaRules;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.tenant.TierQuotas;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies the tenant's quotas of http-api.md §5.3 and §5.5 to packet operations: the rules decide
 * ({@link QuotaRules}), the stores count. Thread-safe.
 */
final class TenantQuotas {
    private static final Set<PacketStatus> ACTIVE = Arrays.stream(PacketStatus.values())
            .filter(PacketStatus::isActive)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(PacketStatus.class)));

    private final PacketService.Ports ports;
    private final RailSettings settings;

    TenantQuotas(PacketService.Ports ports, RailSettings settings) {
        this.ports = ports;
        this.settings = settings;
    }

    /** The caller's tenant and its tier's quotas; {@code NOT_FOUND} when the tenant does not exist. */
    Limits load(TenantId id) {
        Tenant tenant = ports.tenants().find(id)
                .orElseThrow(() -> Errors.notFound("Tenant " + id + " not found"));
        return new Limits(tenant, settings.tiers().quotasFor(tenant.tier()));
    }

    /** A tenant with the quotas of its tier. */
    record Limits(Tenant tenant, TierQuotas quotas) {
        Tier tier() {
            return tenant.tier();
        }

        TenantId id() {
            return tenant.id();
        }
    }

    /** {@code 403 QUOTA_EXCEEDED} when a new active packet naming {@code agentIds} would exceed max_agents. */
    void checkAgents(Limits limits, Collection<String> agentIds) {
        Set<String> active = ports.packets().activeAgentIds(limits.id());
        QuotaRules.agents(active, agentIds, limits.quotas(), limits.tier()).orThrow();
    }

    /**
     * {@code 403 QUOTA_EXCEEDED} when claiming {@code packet} for {@code claimantId} would exceed max_agents. The
     * claim replaces the packet's target, so that id stops counting if no other active packet names it.
     */
    void checkClaimant(Limits limits, Packet packet, String claimantId) {
        Set<String> active = ports.packets().activeAgentIds(limits.id());
        QuotaDecision decision = QuotaRules.agents(active, List.of(claimantId), limits.quotas(), limits.tier());
        if (decision.allowed()) {
            return;
        }
        String replaced = packet.targetAgent().id();
        if (!replaced.equals(packet.sourceAgent().id()) && !namedElsewhere(limits.id(), packet, replaced)) {
            Set<String> afterClaim = new HashSet<>(active);
            afterClaim.remove(replaced);
            decision = QuotaRules.agents(afterClaim, List.of(claimantId), limits.quotas(), limits.tier());
        }
        decision.orThrow();
    }

    private boolean namedElsewhere(TenantId tenant, Packet packet, String agentId) {
        long asSource = count(tenant, new PacketQuery(ACTIVE, agentId, null, Set.of(), null, null, null, null, 1, 0,
                null, false));
        long asTarget = count(tenant, new PacketQuery(ACTIVE, null, agentId, Set.of(), null, null, null, null, 1, 0,
                null, false));
        // the packet being claimed names the agent as its target (and not as its source)
        return asSource + asTarget > 1;
    }

    private long count(TenantId tenant, PacketQuery query) {
        return ports.packets().list(tenant, query).total();
    }

    /**
     * Inside the creation's transaction: charges one handoff to today's allowance, so that a creation that rolls
     * back is not charged; {@code 429 DAILY_QUOTA_EXCEEDED} when it is used up.
     */
    void reserveHandoff(Limits limits, Instant now) {
        OptionalLong limit = QuotaRules.dailyHandoffLimit(limits.tenant(), limits.quotas());
        if (limit.isPresent() && !ports.dailyHandoffs().tryReserve(limits.id(), day(now), limit.getAsLong())) {
            throw QuotaRules.dailyQuotaExceeded(limit.getAsLong(), now);
        }
    }

    /** {@code 429 DAILY_QUOTA_EXCEEDED} when nothing is left of today's allowance (before a batch starts). */
    void requireAllowanceLeft(Limits limits, Instant now) {
        OptionalLong limit = QuotaRules.dailyHandoffLimit(limits.tenant(), limits.quotas());
        if (limit.isPresent() && ports.dailyHandoffs().used(limits.id(), day(now)) >= limit.getAsLong()) {
            throw QuotaRules.dailyQuotaExceeded(limit.getAsLong(), now);
        }
    }

    /** {@code 413 PAYLOAD_TOO_LARGE} when the packet as it would be stored exceeds max_packet_size. */
    void checkStoredSize(Limits limits, Packet packet) {
        checkSize(limits, JsonWriter.utf8Length(PacketRepresentation.toJson(packet)));
    }

    /** {@code 413 PAYLOAD_TOO_LARGE} when {@code bytes} exceed max_packet_size. */
    void checkSize(Limits limits, long bytes) {
        QuotaRules.packetSize(bytes, limits.quotas(), limits.tier()).orThrow();
    }

    private static LocalDate day(Instant now) {
        return now.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
