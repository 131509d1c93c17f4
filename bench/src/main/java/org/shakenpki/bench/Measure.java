package org.shakenpki.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measure (signing, verification, issuance) of shaken-pki and its peer in the same bench run: a warm-up of
 * each, then alternating maximum-rate runs (shaken-pki, peer, shaken-pki, peer, ...) with the server CPU per
 * operation read from {@code /proc/<pid>/stat} around each run (summed over a cluster's processes, and reported
 * by process), then alternating runs at a fixed offered load of
 * half of each server's own median maximum for p50/p99, then, per server, pairs of runs of the bench's own
 * generator at its maximum and wrk on the same endpoint right after it (right before it in every other pair), to show the first can offer that load. Every reported figure is the median over the runs.
 */
final class Measure {
    /** The open-loop generator's warm-up on each side, at most: the latency runs' code is small and warms fast. */
    private static final double OPEN_LOOP_WARMUP_SECONDS = 5;
    private final String key;
    private final Side shaken;
    private final Side peer;
    private final int runs;
    private final double seconds;
    private final double warmupSeconds;
    private final int clockTicks;

    /** {@code clockTicks} is {@code getconf CLK_TCK}, the unit of {@code /proc/<pid>/stat}'s times. */
    Measure(String key, Side shaken, Side peer, int runs, double seconds, double warmupSeconds, int clockTicks) {
        this.key = key;
        this.shaken = shaken;
        this.peer = peer;
        this.runs = runs;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.clockTicks = clockTicks;
    }

    Measure(String key, Side shaken, Side peer, Settings s) {
        this(key, shaken, peer, s.runs(), s.seconds(), s.warmupSeconds(), s.clockTicks());
    }

    /** Per-side figures of one measure. */
    private static final class Figures {
        final List<Double> rates = new ArrayList<>();
        final List<Double> cpuMs = new ArrayList<>();
        /** Per run, by process, when the side has several (a cluster's nodes, balancer and database). */
        final Map<String, List<Double>> cpuMsByProcess = new LinkedHashMap<>();
        final List<Double> generatorShare = new ArrayList<>();
        final List<Double> p50 = new ArrayList<>();
        final List<Double> p99 = new ArrayList<>();
        final List<Double> achieved = new ArrayList<>();
        double offered = Double.NaN;
        final List<Double> ownMax = new ArrayList<>();
        final List<Double> ownCpuShare = new ArrayList<>();
        final List<Double> pairedWrk = new ArrayList<>();
        final List<Double> ownRatio = new ArrayList<>();
    }

    /** Runs the measure and puts its figures into the report, under keys starting with {@code key}. */
    void run(Map<String, Object> report, Map<String, Object> perRunReport) throws Exception {
        List<Side> sides = List.of(shaken, peer);
        Map<Side, Figures> figures = new LinkedHashMap<>();
        for (Side side : sides) {
            figures.put(side, new Figures());
            System.out.printf("  warm-up %s ...%n", side.name());
            side.prepare().max(warmupSeconds);
        }
        for (int run = 0; run < runs; run++) {
            for (Side side : sides) {
                Side.Run prepared = side.prepare();
                Map<String, Long> before = side.processes().cpuTicks();
                Side.Max max = prepared.max(seconds);
                Map<String, Long> used = ServerProcesses.difference(before, side.processes().cpuTicks());
                Figures f = figures.get(side);
                f.rates.add(max.perSecond());
                f.cpuMs.add(CpuPerOperation.ms(ServerProcesses.total(used), clockTicks, max.completed()));
                if (side.processes().several()) {
                    used.forEach((process, ticks) -> f.cpuMsByProcess.computeIfAbsent(process, p -> new ArrayList<>())
                            .add(CpuPerOperation.ms(ticks, clockTicks, max.completed())));
                }
                f.generatorShare.add(max.generatorCpuShare());
                System.out.printf("  run %d %-10s %9.1f/s  server CPU %7.3f ms/op  generator CPU %.0f%%%s%n", run + 1,
                        side.name(), max.perSecond(), f.cpuMs.get(run), 100 * max.generatorCpuShare(), byProcess(f, run));
            }
        }
        for (Side side : sides) {
            Figures f = figures.get(side);
            f.offered = Stats.median(f.rates) / 2;
            // the open-loop generator warmed up against each side, unrecorded: its own first seconds on a fresh JIT
            // stall it, and a stall counts against every request due behind it (it was the first run's p99)
            System.out.printf("  warm-up %s at %.1f/s offered ...%n", side.name(), f.offered);
            side.prepare().open(f.offered, Math.min(warmupSeconds, OPEN_LOOP_WARMUP_SECONDS));
        }
        for (int run = 0; run < runs; run++) {
            for (Side side : sides) {
                Figures f = figures.get(side);
                Load.Result open = side.prepare().open(f.offered, seconds);
                f.p50.add(open.percentileMs(50));
                f.p99.add(open.percentileMs(99));
                f.achieved.add(open.perSecond());
                System.out.printf("  run %d %-10s at %.1f/s offered: %.1f/s done, p50 %.2f ms, p99 %.2f ms%n", run + 1,
                        side.name(), f.offered, open.perSecond(), f.p50.get(run), f.p99.get(run));
            }
        }
        for (Side side : sides) {
            // the generators compared back to back on the same endpoint, so that a noisy machine moves both alike;
            // the own generator warmed up first (its first seconds on a fresh JIT are slower)
            if (side.prepare().ownMax(warmupSeconds) == null) {
                continue;
            }
            Figures f = figures.get(side);
            for (int run = 0; run < runs; run++) {
                // every other pair runs wrk first: a server still warming up would otherwise favour whichever
                // generator always runs second
                boolean wrkFirst = run % 2 == 1;
                double wrk = wrkFirst ? side.prepare().max(seconds).perSecond() : Double.NaN;
                Side.Run prepared = side.prepare();
                double cpuBefore = ProcStats.ownCpuSeconds();
                Load.Result own = prepared.ownMax(seconds);
                double cpuAfter = ProcStats.ownCpuSeconds();
                if (!wrkFirst) {
                    wrk = side.prepare().max(seconds).perSecond();
                }
                f.ownMax.add(own.perSecond());
                f.ownCpuShare.add((cpuAfter - cpuBefore) / own.seconds());
                f.pairedWrk.add(wrk);
                f.ownRatio.add(own.perSecond() / wrk);
                System.out.printf("  run %d %-10s the bench's own generator at its maximum: %.1f/s (bench JVM CPU %.0f%%),"
                        + " wrk %s: %.1f/s%n", run + 1, side.name(), own.perSecond(), 100 * f.ownCpuShare.get(run),
                        wrkFirst ? "right before" : "right after", wrk);
            }
        }
        put(report, key, figures.get(shaken));
        put(report, key + "_" + peer.name(), figures.get(peer));
        report.put(key + "_cpu_ratio_to_" + peer.name(), ratio(Stats.median(figures.get(shaken).cpuMs), Stats.median(figures.get(peer).cpuMs)));
        report.put(key + "_rate_ratio_to_" + peer.name(), ratio(Stats.median(figures.get(shaken).rates), Stats.median(figures.get(peer).rates)));
        report.put(key + "_p99_ratio_to_" + peer.name(), ratio(Stats.median(figures.get(shaken).p99), Stats.median(figures.get(peer).p99)));
        Map<String, Object> perRun = new LinkedHashMap<>();
        for (Side side : sides) {
            Figures f = figures.get(side);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("per_s", f.rates);
            r.put("cpu_ms", f.cpuMs);
            if (!f.cpuMsByProcess.isEmpty()) {
                r.put("cpu_ms_by_process", f.cpuMsByProcess);
            }
            r.put("generator_cpu_share", f.generatorShare);
            r.put("p50_ms", f.p50);
            r.put("p99_ms", f.p99);
            r.put("achieved_per_s", f.achieved);
            r.put("own_generator_per_s", f.ownMax);
            r.put("own_generator_wrk_per_s", f.pairedWrk);
            perRun.put(side.name(), r);
        }
        perRunReport.put(key, perRun);
    }

    private static void put(Map<String, Object> report, String prefix, Figures f) {
        double rate = Stats.median(f.rates);
        report.put(prefix + "_per_s", rate);
        report.put(prefix + "_cpu_ms", Stats.median(f.cpuMs));
        if (!f.cpuMsByProcess.isEmpty()) {
            // each process's median on its own: they need not add up to the median of the sums
            Map<String, Object> byProcess = new LinkedHashMap<>();
            f.cpuMsByProcess.forEach((process, ms) -> byProcess.put(process, Stats.median(ms)));
            report.put(prefix + "_cpu_ms_by_process", byProcess);
        }
        report.put(prefix + "_p50_ms", Stats.median(f.p50));
        report.put(prefix + "_p99_ms", Stats.median(f.p99));
        report.put(prefix + "_offered_per_s", f.offered);
        report.put(prefix + "_achieved_per_s", Stats.median(f.achieved));
        report.put(prefix + "_generator_cpu_share", Stats.median(f.generatorShare));
        if (!f.ownMax.isEmpty()) {
            report.put(prefix + "_own_generator_per_s", Stats.median(f.ownMax));
            report.put(prefix + "_own_generator_cpu_share", Stats.median(f.ownCpuShare));
            report.put(prefix + "_own_generator_wrk_per_s", Stats.median(f.pairedWrk));
            report.put(prefix + "_own_generator_ratio_to_wrk", Stats.median(f.ownRatio));
        }
    }

    /** " (node-1 0.210, node-2 0.190, haproxy 0.040)" for a side of several processes, else "". */
    private static String byProcess(Figures f, int run) {
        if (f.cpuMsByProcess.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(" (");
        f.cpuMsByProcess.forEach((process, ms) -> out.append(out.length() > 2 ? ", " : "").append(process)
                .append(String.format(" %.3f", ms.get(run))));
        return out.append(')').toString();
    }

    static Double ratio(double a, double b) {
        return b > 0 && Double.isFinite(a) ? a / b : null;
    }
}
