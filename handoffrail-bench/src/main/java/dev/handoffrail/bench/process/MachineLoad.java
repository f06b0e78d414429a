package dev.handoffrail.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's 1-minute load average from {@code /proc/loadavg}: other work competing with the servers. */
public final class MachineLoad {

    private MachineLoad() {
    }

    /** The 1-minute load average, or NaN where {@code /proc/loadavg} cannot be read. */
    public static double oneMinute() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 2)[0]);
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
    }
}
