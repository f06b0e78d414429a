package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.PacketJournal.details;
import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.RailObserver;
import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketRepresentation;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Trigger;
import dev.handoffrail.core.port.out.PacketStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Expires packets whose TTL or HITL checkpoint timeout has run out (http-api.md §19.1, §19.2), and releases expired
 * claim leases (issue 14): back to {@code created} with history {@code lease_expired} and event
 * {@code packet.released}, or, once a packet was released {@link RailSettings#leaseMaxReleases()} times, failed with
 * reason {@code lease_expired_too_often}. Each change is its own transaction and a conditional update, so several
 * instances may sweep at once: a packet that changed meanwhile (a heartbeat, a completion) is left alone. Thread-safe; the loop around {@link #runOnce()} lives in the application.
 */
public final class ExpirySweeper {
    /** The driven ports expiry uses: the packets, and what records their changes. */
    public record Ports(PacketStore packets, JournalPorts journal) {
        public Ports {
            requireNonNull(packets, "packets");
            requireNonNull(journal, "journal");
        }
    }

    static final int BATCH_SIZE = 100;

    private final Ports ports;
    private final RailSettings settings;
    private final PacketJournal journal;

    public ExpirySweeper(Ports ports, RailSettings settings, RailObserver observer) {
        this.ports = requireNonNull(ports, "ports");
        this.settings = requireNonNull(settings, "settings");
        this.journal = new PacketJournal(ports.journal(), requireNonNull(observer, "observer"));
    }

    /** Releases every expired lease, then expires everything due now; returns how many packets this call changed. */
    public int runOnce() {
        return releaseExpiredLeases() + expireDue();
    }

    /** Releases (or fails) every packet whose lease has run out now; returns how many it changed. */
    public int releaseExpiredLeases() {
        int released = 0;
        while (true) {
            Instant now = journal.now();
            List<Packet> due = ports.packets().findLeaseExpired(now, BATCH_SIZE);
            int progress = 0;
            for (Packet packet : due) {
                if (release(packet, now)) {
                    progress++;
                }
            }
            released += progress;
            if (due.size() < BATCH_SIZE || progress == 0) {
                return released;
            }
        }
    }

    private boolean release(Packet packet, Instant now) {
        if (!packet.lease().expiredAt(now)) {
            return false;
        }
        boolean tooOften = packet.lease().releases() >= settings.leaseMaxReleases();
        PacketStatus to = tooOften ? PacketStatus.FAILED : PacketStatus.CREATED;
        if (!packet.canMove(to, Trigger.LEASE_EXPIRED)) {
            return false;
        }
        return journal.write(null, now, entries -> {
            Packet next = tooOften ? packet.leaseFailed(now) : packet.leaseReleased(now);
            if (!ports.packets().update(next, packet.status())) {
                return false;
            }
            Map<String, Object> claimant = PacketRepresentation.targetAgentJson(packet.targetAgent());
            Map<String, Object> details = details("previous_status", packet.status().wireName(),
                    "previous_claimant", claimant, "releases", next.lease().releases());
            if (tooOften) {
                details.put("reason", "lease_expired_too_often");
                entries.history(next, PacketStatus.FAILED.wireName(), History.EXPIRY_TASK, details);
                entries.transition(next, packet.status(), details("reason", "lease_expired_too_often",
                        "previous_claimant", claimant));
            } else {
                entries.history(next, History.LEASE_EXPIRED, History.EXPIRY_TASK, details);
                entries.event(EventType.PACKET_RELEASED, next, details("previous_status",
                        packet.status().wireName(), "previous_claimant", claimant,
                        "releases", next.lease().releases()));
            }
            return true;
        });
    }

    private int expireDue() {
        int expired = 0;
        while (true) {
            Instant now = journal.now();
            List<Packet> due = ports.packets().findExpirable(now.minus(settings.packetTtl()), now, BATCH_SIZE);
            int progress = 0;
            for (Packet packet : due) {
                if (expire(packet, now)) {
                    progress++;
                }
            }
            expired += progress;
            if (due.size() < BATCH_SIZE || progress == 0) {
                return expired;
            }
        }
    }

    private boolean expire(Packet packet, Instant now) {
        boolean timedOut = packet.status() == PacketStatus.AWAITING_HUMAN && packet.hitl() != null
                && packet.hitl().timeoutSeconds() != null;
        Trigger trigger = timedOut ? Trigger.HITL_TIMEOUT : Trigger.TTL;
        if (!packet.canMove(PacketStatus.EXPIRED, trigger)) {
            return false;
        }
        String reason = timedOut ? "hitl_timeout" : "ttl_exceeded";
        return journal.write(null, now, entries -> {
            Packet expired = packet.movedTo(PacketStatus.EXPIRED, trigger, now);
            if (!ports.packets().update(expired, packet.status())) {
                return false;
            }
            entries.history(expired, PacketStatus.EXPIRED.wireName(), History.EXPIRY_TASK,
                    details("previous_status", packet.status().wireName(), "reason", reason));
            entries.transition(expired, packet.status(), details("reason", reason));
            return true;
        });
    }
}
