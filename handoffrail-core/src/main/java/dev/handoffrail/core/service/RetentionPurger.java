package dev.handoffrail.core.service;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.port.out.AuditLog;
import dev.handoffrail.core.port.out.PacketStore;
import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.tenant.Tenant;
import dev.handoffrail.core.tenant.TierQuotas;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The daily retention purge (http-api.md §19.3): per non-deleted tenant, terminal packets last updated before
 * the tier's {@code retention_days} horizon are deleted with their history and deliveries, and so are older
 * non-packet audit entries. Soft-deleted tenants are left alone (§19.4). Thread-safe.
 */
public final class RetentionPurger {
    /** The driven ports the purge uses. */
    public record Ports(PacketStore packets, TenantStore tenants, AuditLog audit, Clock clock) {
        public Ports {
            requireNonNull(packets, "packets");
            requireNonNull(tenants, "tenants");
            requireNonNull(audit, "audit");
            requireNonNull(clock, "clock");
        }
    }

    private final Ports ports;
    private final RailSettings settings;

    public RetentionPurger(Ports ports, RailSettings settings) {
        this.ports = requireNonNull(ports, "ports");
        this.settings = requireNonNull(settings, "settings");
    }

    /** Purges what is past every tenant's horizon now; returns how many packets were deleted. */
    public int runOnce() {
        Instant now = ports.clock().instant();
        int purged = 0;
        for (Tenant tenant : ports.tenants().listActive()) {
            long days = settings.tiers().quotasFor(tenant.tier()).retentionDays();
            if (TierQuotas.isUnlimited(days)) {
                continue;
            }
            Instant horizon = now.minus(Duration.ofDays(days));
            purged += ports.packets().purgeTerminal(tenant.id(), horizon);
            ports.audit().purgeNonPacket(tenant.id(), horizon);
        }
        return purged;
    }
}
