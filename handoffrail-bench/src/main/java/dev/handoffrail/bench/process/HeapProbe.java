package dev.handoffrail.bench.process;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of another JVM: {@code jcmd <pid> GC.run} (a full collection), then the {@code used} figure of
 * {@code jcmd <pid> GC.heap_info} (G1 prints {@code garbage-first heap total 262144K, used 23456K}).
 */
public final class HeapProbe {
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private HeapProbe() {
    }

    /** Bytes of heap in use right after a full GC of process {@code pid}. */
    public static long usedAfterFullGc(long pid) throws IOException {
        Jcmd.run(pid, "GC.run");
        String info = Jcmd.run(pid, "GC.heap_info");
        Matcher used = USED.matcher(info);
        if (!used.find()) {
            throw new IOException("no heap figure in jcmd GC.heap_info output: " + info);
        }
        return Long.parseLong(used.group(1)) * 1_024;
    }
}
