package org.shakenpki.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes whose CPU is one side's server CPU: one server, or a local cluster's nodes, its balancer (HAProxy)
 * and its database (PostgreSQL, a postmaster and one backend per connection). The server CPU per operation is the
 * sum over all of them, so that a cluster is charged for the hop through the balancer and for the database that a
 * single server keeps in its own JVM (H2); the resident memory is the nodes'.
 *
 * @param members in the order of the report: the nodes, then the balancer, then the database
 * @param proc    {@code /proc}, or a fake one in tests
 */
record ServerProcesses(List<Member> members, Path proc) {
    /** What a process is to the cluster. */
    enum Kind { NODE, BALANCER, DATABASE }

    /** One process, named in the report ({@code server}, {@code node-1}, {@code haproxy}, {@code postgres}). */
    record Member(String name, long pid, Kind kind) {
    }

    ServerProcesses {
        members = List.copyOf(members);
        if (members.stream().noneMatch(m -> m.kind() == Kind.NODE)) {
            throw new IllegalArgumentException("no server process");
        }
    }

    /** One server process. */
    static ServerProcesses single(String name, long pid) {
        return new ServerProcesses(List.of(new Member(name, pid, Kind.NODE)), ProcStats.PROC);
    }

    /**
     * The processes that {@code bench/run-bench.sh} names: {@code nodes} a comma-separated list of {@code pid} or
     * {@code name=pid} (unnamed: {@code server} when alone, else {@code node-1}, {@code node-2}, ...), and the
     * balancer's and the database's pid, each blank when there is none.
     */
    static ServerProcesses parse(String nodes, String balancerPid, String databasePid, Path proc) {
        List<Member> members = new ArrayList<>();
        String[] entries = nodes.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            int eq = entry.indexOf('=');
            String name = eq >= 0 ? entry.substring(0, eq).strip() : entries.length == 1 ? "server" : "node-" + (i + 1);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a server process without a name: " + nodes);
            }
            members.add(new Member(name, pid(entry.substring(eq + 1).strip(), nodes), Kind.NODE));
        }
        if (balancerPid != null && !balancerPid.isBlank()) {
            members.add(new Member("haproxy", pid(balancerPid.strip(), balancerPid), Kind.BALANCER));
        }
        if (databasePid != null && !databasePid.isBlank()) {
            members.add(new Member("postgres", pid(databasePid.strip(), databasePid), Kind.DATABASE));
        }
        if (members.stream().map(Member::name).distinct().count() != members.size()) {
            throw new IllegalArgumentException("two server processes of the same name: " + nodes);
        }
        return new ServerProcesses(members, proc);
    }

    private static long pid(String text, String whole) {
        try {
            long pid = Long.parseLong(text);
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("not a process id: '" + text + "' in '" + whole + "'");
    }

    /** More than one process: the report then says how the CPU and the memory divide between them. */
    boolean several() {
        return members.size() > 1;
    }

    /** utime + stime of each process in clock ticks, by name (the database's with its backends). */
    Map<String, Long> cpuTicks() throws IOException {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (Member m : members) {
            ticks.put(m.name(), m.kind() == Kind.DATABASE ? ProcStats.treeCpuTicks(proc, m.pid()) : ProcStats.cpuTicks(proc, m.pid()));
        }
        return ticks;
    }

    /** Two {@link #cpuTicks()} readings subtracted, by name. */
    static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> difference = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            difference.put(e.getKey(), e.getValue() - before.get(e.getKey()));
        }
        return difference;
    }

    /** The sum over the processes: the side's server CPU. */
    static long total(Map<String, Long> ticks) {
        return ticks.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The nodes' resident memory (VmRSS) summed, in MiB. */
    double nodesRssMb() throws IOException {
        double sum = 0;
        for (Member m : members) {
            if (m.kind() == Kind.NODE) {
                sum += ProcStats.rssMb(proc, m.pid());
            }
        }
        return sum;
    }

    /**
     * Each process's memory in MiB: VmRSS, the database's as its and its backends' proportional set size; NaN for
     * one that cannot be read (another user's smaps_rollup), so that the bench's other figures are still written.
     */
    Map<String, Double> rssMbByProcess() {
        Map<String, Double> rss = new LinkedHashMap<>();
        for (Member m : members) {
            try {
                rss.put(m.name(), m.kind() == Kind.DATABASE ? ProcStats.treePssMb(proc, m.pid()) : ProcStats.rssMb(proc, m.pid()));
            } catch (IOException | RuntimeException unreadable) {
                rss.put(m.name(), Double.NaN);
            }
        }
        return rss;
    }
}
