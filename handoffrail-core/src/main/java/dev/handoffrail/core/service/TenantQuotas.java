package dev.handoffrail.core.service;

import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.json.JsonWriter;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketRepresentation;
import dev.handoffrail.core.tenant.ActiveAgents;
import dev.handoffrail.core.tenant.QuotaDecision;
import dev.handoffrail.core.tenant.QuotaRules;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TenantId;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.tenant.TierQuotas;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * Applies the tenant's quotas of http-api.md §5.3 and §5.5 to packet operations: the rules decide
 * ({@link QuotaRules}), the stores count. Thread-safe.
 */
final class TenantQuotas {
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
        if (TierQuotas.isUnlimited(limits.quotas().maxAgents())) {
            return;
        }
        ActiveAgents active = ports.packets().activeAgents(limits.id(), agentIds);
        QuotaRules.agents(active, agentIds, limits.quotas(), limits.tier()).orThrow();
    }

    /**
     * {@code 403 QUOTA_EXCEEDED} when claiming {@code packet} for {@code claimantId} would exceed max_agents. The
     * claim replaces the packet's target, so that id stops counting if no other active packet names it.
     */
    void checkClaimant(Limits limits, Packet packet, String claimantId) {
        if (TierQuotas.isUnlimited(limits.quotas().maxAgents())) {
            return;
        }
        String replaced = packet.targetAgent().id();
        ActiveAgents active = ports.packets().activeAgents(limits.id(), List.of(claimantId, replaced));
        QuotaDecision decision = QuotaRules.agents(active, List.of(claimantId), limits.quotas(), limits.tier());
        if (decision.allowed()) {
            return;
        }
        // the packet being claimed names the replaced target (and not as its source): one active packet
        if (!replaced.equals(packet.sourceAgent().id()) && active.activePackets(replaced) <= 1) {
            decision = QuotaRules.agents(active.without(replaced), List.of(claimantId), limits.quotas(),
                    limits.tier());
        }
        decision.orThrow();
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
