package io.scaffold.platform.testing.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent during a run, for the whole machine (every process: this JVM, PostgreSQL, the load generator) and
 * for this JVM alone. Divided by the requests served, it tells what one request costs, a figure that holds when the
 * machine's speed drifts between runs (throughput on a shared machine does not).
 */
final class CpuMeter {
    private static final Path PROC_STAT = Path.of("/proc/stat");

    private final long machineStart;
    private final long jvmStart;

    CpuMeter() {
        machineStart = machineBusyNanos();
        jvmStart = processCpuNanos();
    }

    /** Busy CPU time of the whole machine since construction; negative where it cannot be read (not Linux). */
    long machineNanos() {
        long now = machineBusyNanos();
        return now < 0 || machineStart < 0 ? -1 : now - machineStart;
    }

    long jvmNanos() {
        long now = processCpuNanos();
        return now < 0 || jvmStart < 0 ? -1 : now - jvmStart;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** The first line of /proc/stat: time in USER_HZ (100 per second) per state; busy = all but idle and iowait. */
    private static long machineBusyNanos() {
        try {
            String[] fields = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
