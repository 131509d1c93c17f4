package org.shakenpki.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerProcessesTest {
    @TempDir
    Path proc;

    /** A fake /proc/<pid>: stat with the given ppid, utime, stime, cutime, cstime; status with VmRSS; smaps_rollup with Pss. */
    private void process(long pid, long ppid, long utime, long stime, long cutime, long cstime, long rssKib, long pssKib)
            throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (some (odd) name) S " + ppid + " " + pid + " " + pid
                + " 0 -1 4194560 100 0 0 0 " + utime + " " + stime + " " + cutime + " " + cstime + " 20 0 40 0 99 0 0\n");
        Files.writeString(dir.resolve("status"), "Name:\tx\nVmRSS:\t  " + rssKib + " kB\nThreads:\t4\n");
        Files.writeString(dir.resolve("smaps_rollup"), "00400000-7fff [rollup]\nRss:\t " + rssKib + " kB\nPss:\t " + pssKib + " kB\n");
    }

    @Test
    void oneUnnamedPidIsTheServer() {
        ServerProcesses one = ServerProcesses.parse("4242", "", "", proc);
        assertEquals(List.of(new ServerProcesses.Member("server", 4242, ServerProcesses.Kind.NODE)), one.members());
        assertFalse(one.several());
    }

    @Test
    void aClusterListsItsNodesThenTheBalancerThenTheDatabase() {
        ServerProcesses named = ServerProcesses.parse("node-1=11, node-2=12", "20", "30", proc);
        assertEquals(List.of(new ServerProcesses.Member("node-1", 11, ServerProcesses.Kind.NODE),
                new ServerProcesses.Member("node-2", 12, ServerProcesses.Kind.NODE),
                new ServerProcesses.Member("haproxy", 20, ServerProcesses.Kind.BALANCER),
                new ServerProcesses.Member("postgres", 30, ServerProcesses.Kind.DATABASE)), named.members());
        assertTrue(named.several());
        assertEquals(List.of("node-1", "node-2", "node-3"),
                ServerProcesses.parse("1,2,3", null, null, proc).members().stream().map(ServerProcesses.Member::name).toList());
    }

    @Test
    void malformedListsAreRefusedNotGuessed() {
        assertThrows(IllegalArgumentException.class, () -> ServerProcesses.parse("", "", "", proc));
        assertThrows(IllegalArgumentException.class, () -> ServerProcesses.parse("11,,12", "", "", proc));
        assertThrows(IllegalArgumentException.class, () -> ServerProcesses.parse("11,x", "", "", proc));
        assertThrows(IllegalArgumentException.class, () -> ServerProcesses.parse("0", "", "", proc));
        assertThrows(IllegalArgumentException.class, () -> ServerProcesses.parse("=11", "", "", proc));
        assertThrows(IllegalArgumentException.class, () -> ServerProcesses.parse("a=11,a=12", "", "", proc));
        assertThrows(IllegalArgumentException.class, () -> ServerProcesses.parse("11", "haproxy", "", proc));
    }

    @Test
    void serverCpuIsTheSumOverTheNodesTheBalancerAndTheDatabaseWithItsBackends() throws Exception {
        process(11, 1, 100, 50, 7, 7, 400_000, 1);     // node-1: 150 (its reaped children's time is not its own)
        process(12, 1, 80, 20, 0, 0, 300_000, 1);      // node-2: 100
        process(20, 1, 5, 5, 0, 0, 8_000, 1);          // haproxy: 10
        process(30, 1, 2, 1, 10, 5, 20_000, 5_000);    // postmaster: 3 + 15 reaped
        process(31, 30, 40, 10, 0, 0, 150_000, 2_048); // a backend: 50
        process(32, 30, 6, 4, 0, 0, 150_000, 1_024);   // another: 10
        process(40, 1, 1000, 1000, 0, 0, 1, 1);        // someone else's process
        ServerProcesses cluster = ServerProcesses.parse("node-1=11,node-2=12", "20", "30", proc);

        Map<String, Long> before = cluster.cpuTicks();
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("node-1", 150L);
        expected.put("node-2", 100L);
        expected.put("haproxy", 10L);
        expected.put("postgres", 78L);
        assertEquals(expected, before);
        assertEquals(338, ServerProcesses.total(before));

        // a run: node-1 +30, the balancer +2, backend 31 exits (its 50 + 5 more reaped into the postmaster's cutime)
        process(11, 1, 120, 60, 7, 7, 400_000, 1);
        process(20, 1, 6, 6, 0, 0, 8_000, 1);
        process(30, 1, 2, 1, 60, 10, 20_000, 5_000);
        deleteTree(proc.resolve("31"));
        Map<String, Long> used = ServerProcesses.difference(before, cluster.cpuTicks());
        assertEquals(List.of(30L, 0L, 2L, 5L), new ArrayList<>(used.values()));
        assertEquals(37, ServerProcesses.total(used));
        assertEquals(0.37, CpuPerOperation.ms(ServerProcesses.total(used), 100, 1000), 1e-12);
    }

    @Test
    void memoryIsTheNodesVmRssAndByProcessTheDatabasesProportionalSize() throws Exception {
        process(11, 1, 0, 0, 0, 0, 400 * 1024, 1);
        process(12, 1, 0, 0, 0, 0, 300 * 1024, 1);
        process(20, 1, 0, 0, 0, 0, 8 * 1024, 1);
        process(30, 1, 0, 0, 0, 0, 200 * 1024, 5 * 1024);
        process(31, 30, 0, 0, 0, 0, 150 * 1024, 2 * 1024);
        ServerProcesses cluster = ServerProcesses.parse("node-1=11,node-2=12", "20", "30", proc);
        assertEquals(700.0, cluster.nodesRssMb());
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("node-1", 400.0);
        expected.put("node-2", 300.0);
        expected.put("haproxy", 8.0);
        expected.put("postgres", 7.0);
        assertEquals(expected, cluster.rssMbByProcess());
    }

    @Test
    void theRealProcSumsTheSameProcessListedTwice() throws Exception {
        long pid = ProcessHandle.current().pid();
        ServerProcesses twice = ServerProcesses.parse("a=" + pid + ",b=" + pid, "", "", ProcStats.PROC);
        Map<String, Long> ticks = twice.cpuTicks();
        assertTrue(ticks.get("a") > 0);
        assertTrue(ServerProcesses.total(ticks) >= 2 * ticks.get("a"));
        assertTrue(twice.nodesRssMb() > 2);
    }

    @Test
    void aMeasureOfAClusterReportsTheSumAndEachProcessesShare() throws Exception {
        process(11, 1, 0, 0, 0, 0, 1, 1);
        process(20, 1, 0, 0, 0, 0, 1, 1);
        ServerProcesses cluster = ServerProcesses.parse("node-1=11", "20", "", proc);
        long[] run = {0};
        Side side = new Side() {
            @Override
            public String name() {
                return "shaken_pki";
            }

            @Override
            public ServerProcesses processes() {
                return cluster;
            }

            @Override
            public Run prepare() {
                return new Run() {
                    @Override
                    public Max max(double seconds) throws IOException {
                        // each run: 100 operations, the node 30 more ticks, the balancer 10 more
                        run[0]++;
                        process(11, 1, 30 * run[0], 0, 0, 0, 1, 1);
                        process(20, 1, 10 * run[0], 0, 0, 0, 1, 1);
                        return new Max(100, seconds, 0.1);
                    }

                    @Override
                    public Load.Result open(double perSecond, double seconds) {
                        return new Load.Result(10, 0, seconds, new double[] {1}, null);
                    }

                    @Override
                    public Load.Result ownMax(double seconds) {
                        return null;
                    }
                };
            }
        };
        Map<String, Object> report = new LinkedHashMap<>();
        new Measure("sign", side, side, 2, 1, 1, 100).run(report, new LinkedHashMap<>());
        assertEquals(4.0, (Double) report.get("sign_cpu_ms"), 1e-12); // 40 ticks of 10 ms over 100 operations
        assertEquals(Map.of("node-1", 3.0, "haproxy", 1.0), report.get("sign_cpu_ms_by_process"));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
