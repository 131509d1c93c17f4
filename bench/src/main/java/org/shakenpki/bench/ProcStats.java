package org.shakenpki.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time and resident memory of another process, from Linux {@code /proc} (proc(5)); the methods taking a
 * {@code proc} path read that directory instead of {@code /proc} (tests give them a fake one).
 */
public final class ProcStats {
    /** The real {@code /proc}. */
    static final Path PROC = Path.of("/proc");

    private ProcStats() {
    }

    /** utime + stime of the process in clock ticks (fields 14 and 15 of {@code /proc/<pid>/stat}). */
    public static long cpuTicks(long pid) throws IOException {
        return cpuTicks(PROC, pid);
    }

    static long cpuTicks(Path proc, long pid) throws IOException {
        return cpuTicksOf(stat(proc, pid));
    }

    /**
     * The CPU of a process and of its children, for a server that forks one process per connection (PostgreSQL):
     * its utime + stime + cutime + cstime (the children it has reaped, fields 16 and 17) plus utime + stime of each
     * live child (field 4, ppid, is the process). A child that exits between two readings is counted once: alive in
     * the first, in the parent's cutime/cstime in the second.
     */
    static long treeCpuTicks(Path proc, long pid) throws IOException {
        String[] own = fields(stat(proc, pid));
        long ticks = Long.parseLong(own[11]) + Long.parseLong(own[12]) + Long.parseLong(own[13]) + Long.parseLong(own[14]);
        String parent = Long.toString(pid);
        for (Path dir : processDirectories(proc)) {
            String stat;
            try {
                stat = Files.readString(dir.resolve("stat"));
            } catch (NoSuchFileException gone) {
                continue; // exited since the listing: its CPU is in the parent's cutime/cstime now
            }
            String[] child = fields(stat);
            if (child[1].equals(parent)) {
                ticks += Long.parseLong(child[11]) + Long.parseLong(child[12]);
            }
        }
        return ticks;
    }

    /** Parses a {@code stat} line; the command name may hold spaces and parentheses, so fields count from the last ')'. */
    static long cpuTicksOf(String stat) {
        String[] fields = fields(stat);
        // fields[0] is field 3 (state): utime is field 14, stime field 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The fields of a {@code stat} line from field 3 (state) on: {@code fields[i]} is field {@code i + 3}. */
    private static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    }

    private static String stat(Path proc, long pid) throws IOException {
        return Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
    }

    private static List<Path> processDirectories(Path proc) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(proc, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            all.forEach(dirs::add);
        }
        return dirs;
    }

    /** The bench JVM's own CPU time so far, all its threads, in seconds (NaN where the OS does not tell). */
    public static double ownCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** VmRSS of the process in MiB, from {@code /proc/<pid>/status}. */
    public static double rssMb(long pid) throws IOException {
        return rssMb(PROC, pid);
    }

    static double rssMb(Path proc, long pid) throws IOException {
        return rssMbOf(Files.readString(proc.resolve(Long.toString(pid)).resolve("status")));
    }

    static double rssMbOf(String status) {
        return kibLine(status, "VmRSS:") / 1024.0;
    }

    /**
     * The proportional set size of a process and its live children in MiB ({@code Pss} of
     * {@code /proc/<pid>/smaps_rollup}): for PostgreSQL, whose backends all map the shared buffers, the sum of
     * their VmRSS would count those once per backend.
     */
    static double treePssMb(Path proc, long pid) throws IOException {
        long kib = kibLine(Files.readString(proc.resolve(Long.toString(pid)).resolve("smaps_rollup")), "Pss:");
        String parent = Long.toString(pid);
        for (Path dir : processDirectories(proc)) {
            try {
                if (fields(Files.readString(dir.resolve("stat")))[1].equals(parent)) {
                    kib += kibLine(Files.readString(dir.resolve("smaps_rollup")), "Pss:");
                }
            } catch (NoSuchFileException gone) {
                // exited since the listing
            }
        }
        return kib / 1024.0;
    }

    private static long kibLine(String file, String key) {
        for (String line : file.split("\n")) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalArgumentException("no " + key + " line");
    }
}
