package dev.handoffrail.core.memory;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.port.out.PacketStatistics;
import dev.handoffrail.core.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@link PacketStatistics} over the packets of an {@link InMemoryPacketStore}, computed by walking them (a tenant's
 * statistics walk only that tenant's packets).
 * Thread-safe; joins the store's {@link InMemoryTransactor}.
 */
public final class InMemoryPacketStatistics implements PacketStatistics {
    private final InMemoryTransactor transactor;
    private final InMemoryPacketStore store;

    public InMemoryPacketStatistics(InMemoryTransactor transactor, InMemoryPacketStore store) {
        this.transactor = requireNonNull(transactor, "transactor");
        this.store = requireNonNull(store, "store");
    }

    @Override
    public Map<PacketStatus, Long> countByStatus(TenantId tenant) {
        return transactor.inTransaction(() -> countByStatus((tenant == null ? store.rows() : store.rows(tenant))
                .toList()));
    }

    @Override
    public PacketStats stats(TenantId tenant, Instant now) {
        Instant dayAgo = now.minus(Duration.ofHours(24));
        return transactor.inTransaction(() -> {
            List<Packet> all = store.rows(tenant).toList();
            long lastDay = all.stream().filter(p -> !p.createdAt().isBefore(dayAgo)).count();
            Double avgClaim = avgSeconds(all, Packet::claimedAt);
            long awaiting = all.stream().filter(p -> p.status() == PacketStatus.AWAITING_HUMAN).count();
            return new PacketStats(all.size(), countByStatus(all), lastDay, avgClaim, awaiting);
        });
    }

    @Override
    public SystemPacketStats systemStats(Instant now) {
        return transactor.inTransaction(() -> {
            List<Packet> all = store.rows().toList();
            Instant oldestWaiting = all.stream().filter(p -> p.status() == PacketStatus.CREATED)
                    .map(Packet::createdAt).min(Comparator.naturalOrder()).orElse(null);
            long agentsSeen = all.stream()
                    .flatMap(p -> Stream.of(Map.entry(p.tenant(), p.sourceAgent().id()),
                            Map.entry(p.tenant(), p.targetAgent().id())))
                    .distinct().count();
            return new SystemPacketStats(createdSince(all, now.minus(Duration.ofHours(1))),
                    createdSince(all, now.minus(Duration.ofHours(24))), avgSeconds(all, Packet::claimedAt),
                    avgSeconds(all, Packet::completedAt), oldestWaiting, agentsSeen, topAgents(all));
        });
    }

    private static long createdSince(List<Packet> packets, Instant since) {
        return packets.stream().filter(p -> !p.createdAt().isBefore(since)).count();
    }

    /** The average seconds from creation to {@code until} over the packets that have it; null when none has. */
    private static Double avgSeconds(List<Packet> packets, Function<Packet, Instant> until) {
        List<Duration> times = packets.stream().filter(p -> until.apply(p) != null)
                .map(p -> Duration.between(p.createdAt(), until.apply(p))).toList();
        return times.isEmpty() ? null
                : times.stream().mapToDouble(d -> d.getSeconds() + d.getNano() / 1e9).average().orElseThrow();
    }

    private static List<SystemPacketStats.AgentCount> topAgents(List<Packet> packets) {
        Map<String, Long> counts = packets.stream()
                .flatMap(p -> Stream.of(p.sourceAgent().id(), p.targetAgent().id()).distinct())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(SystemPacketStats.TOP_AGENTS)
                .map(e -> new SystemPacketStats.AgentCount(e.getKey(), e.getValue()))
                .toList();
    }

    private static Map<PacketStatus, Long> countByStatus(List<Packet> packets) {
        Map<PacketStatus, Long> counts = new EnumMap<>(PacketStatus.class);
        packets.forEach(p -> counts.merge(p.status(), 1L, Long::sum));
        return counts;
    }
}
