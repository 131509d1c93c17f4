package org.shakenpki.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of another process, from Linux {@code /proc} (proc(5)). */
public final class ProcStats {
    private ProcStats() {
    }

    /** utime + stime of the process in clock ticks (fields 14 and 15 of {@code /proc/<pid>/stat}). */
    public static long cpuTicks(long pid) throws IOException {
        return cpuTicksOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /** Parses a {@code stat} line; the command name may hold spaces and parentheses, so fields count from the last ')'. */
    static long cpuTicksOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state): utime is field 14, stime field 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The bench JVM's own CPU time so far, all its threads, in seconds (NaN where the OS does not tell). */
    public static double ownCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** VmRSS of the process in MiB, from {@code /proc/<pid>/status}. */
    public static double rssMb(long pid) throws IOException {
        return rssMbOf(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    }

    static double rssMbOf(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalArgumentException("no VmRSS line");
    }
}
