package dev.handoffrail.bench.jmh;

import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Trigger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/** The state machine: every (from, to, trigger) check of the transition table, and the PATCH targets list. */
public class TransitionBenchmark extends QuickSettings {
    private static final PacketStatus[] STATUSES = PacketStatus.values();
    private static final Trigger[] TRIGGERS = Trigger.values();

    /** All 7 × 7 × 7 checks; divide by 343 for one check. */
    @Benchmark
    public int allTransitionChecks() {
        int allowed = 0;
        for (PacketStatus from : STATUSES) {
            for (PacketStatus to : STATUSES) {
                for (Trigger trigger : TRIGGERS) {
                    if (from.allows(to, trigger)) {
                        allowed++;
                    }
                }
            }
        }
        return allowed;
    }

    /** The {@code allowed_transitions} list of every status. */
    @Benchmark
    public void patchTargets(Blackhole blackhole) {
        for (PacketStatus from : STATUSES) {
            blackhole.consume(from.patchTargets());
        }
    }
}
