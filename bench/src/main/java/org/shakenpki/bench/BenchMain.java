package org.shakenpki.bench;

import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The driver behind {@code ./shaken-pki bench}: raw rates through JMH, then signing, verification and issuance of
 * the running server against its peers in the same run (secsipidx for signing and verification, Pebble for
 * issuance), each with the same load generator; prints a table and writes {@code bench-report.json}. Settings
 * are system properties ({@code bench.*}, see {@link Settings}); the server and the peers are started and
 * provisioned by {@code bench/run-bench.sh}.
 */
public final class BenchMain {
    /** The verification runs' PASSporTs (sent in turn), signed just before each run. */
    private static final int IDENTITIES = 32;
    /** wrk's CPU over the run at or above which wrk, not the server, may have set the rate. */
    static final double GENERATOR_BUSY = 0.9;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Settings s = Settings.fromSystemProperties();
        String loadAtStart = Machine.loadAverage();
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> runs = new LinkedHashMap<>();
        Map<String, Object> notes = new LinkedHashMap<>();
        System.out.printf("bench: %d alternating runs of %ss per server and measure, wrk -t%d -c%d, %d ACME clients%n",
                s.runs(), s.seconds(), Wrk.THREADS, Wrk.CONNECTIONS, s.c());

        rawRates(s, report, notes);

        Http http = new Http(Http.trusting(s.trustPem()));
        Wrk wrk = new Wrk(s.wrkScript(), s.scratch());
        Stir stir = new Stir(http, s.http(), Files.readString(s.apiKeyFile()).strip());
        Secsipidx secsipidx = new Secsipidx(new Http(Http.trusting(s.trustPem())), s.secsipidx());

        if (wanted("sign")) {
            System.out.println("bench: signing (STI-AS POST /stir/v1/signing; secsipidx POST /v1/sign-csv) ...");
            stir.sign(); // fails early with the server's answer when the STI-AS is not provisioned
            new Measure("sign",
                    Side.http("shaken_pki", s.server(), wrk, stir::signingRequests),
                    Side.http("secsipidx", ServerProcesses.single("secsipidx", s.secsipidxPid()), wrk, secsipidx::signingRequests), s).run(report, runs);
        }

        boolean failed = false;
        if (!wanted("verify")) {
            notes.put("verify", "skipped: bench.only");
        } else if (stir.verifyRaw(stir.sign()).statusCode() == 404) {
            notes.put("verify", "skipped: POST /stir/v1/verification answered 404 (no STI-VS in this build)");
            System.out.println("  skipped: the server has no STI-VS (404)");
        } else {
            System.out.println("bench: verification (STI-VS POST /stir/v1/verification; secsipidx POST /v1/check) ...");
            try {
                new Measure("verify",
                        Side.http("shaken_pki", s.server(), wrk, () -> stir.verificationRequests(IDENTITIES)),
                        Side.http("secsipidx", ServerProcesses.single("secsipidx", s.secsipidxPid()), wrk, () -> secsipidx.verificationRequests(IDENTITIES)), s)
                        .run(report, runs);
            } catch (IllegalStateException | java.io.IOException e) {
                // a failing STI-VS is reported as such, never as a rate, and the other results are kept
                notes.put("verify", "failed: " + e.getMessage());
                System.out.println("  failed: " + e.getMessage());
                failed = true;
            }
        }

        if (wanted("lightest")) {
            lightest(s, wrk, report);
        }
        if (wanted("issuance")) {
            issuance(s, http, report, runs);
        }
        finish(s, report, runs, notes, loadAtStart);
        if (failed) {
            System.exit(1);
        }
    }

    /**
     * Whether {@code bench.only} (a comma-separated list of {@code sign}, {@code verify}, {@code lightest},
     * {@code issuance}; all when unset) asks for a measure: for profiling one path without waiting for the others.
     */
    static boolean wanted(String measure) {
        String only = System.getProperty("bench.only", "");
        return only.isBlank() || List.of(only.replace(" ", "").split(",")).contains(measure);
    }

    private static void lightest(Settings s, Wrk wrk, Map<String, Object> report) throws Exception {
        System.out.println("bench: the lightest request (GET /sti-ca/root.pem), to show wrk is not the limit ...");
        RequestSet pem = new RequestSet("GET", s.http().resolve("/sti-ca/root.pem"), Map.of(), List.of(), "BEGIN CERTIFICATE");
        List<Double> lightest = new ArrayList<>();
        List<Double> lightestShare = new ArrayList<>();
        wrk.run(pem, "lightest", (int) Math.max(1, Math.round(s.warmupSeconds()))); // warm-up
        for (int run = 0; run < s.runs(); run++) {
            WrkOutput out = wrk.run(pem, "lightest", (int) Math.max(1, Math.round(s.seconds())));
            if (out.errors() > 0) {
                throw new IllegalStateException("GET /sti-ca/root.pem failed: " + out.firstFailure());
            }
            lightest.add(out.perSecond());
            lightestShare.add(out.cpuShare());
            System.out.printf("  run %d: %.0f/s, wrk CPU %.0f%% of its thread%n", run + 1, out.perSecond(), 100 * out.cpuShare());
        }
        report.put("lightest_per_s", Stats.median(lightest));
        report.put("lightest_wrk_cpu_share", Stats.median(lightestShare));
    }

    private static void issuance(Settings s, Http http, Map<String, Object> report, Map<String, Object> runs) throws Exception {

        System.out.println("bench: issuance (STI-CA with tkauth-01; Pebble, always valid, a DNS name) ...");
        StiPa stiPa = new StiPa(http, s.http(), s.account());
        stiPa.setUp(s.spc(), s.adminPasswordFile(), s.userPasswordFile());
        List<IssuanceClient> stiCa = new ArrayList<>();
        List<IssuanceClient> pebble = new ArrayList<>();
        for (int i = 0; i < s.c(); i++) {
            stiCa.add(IssuanceClient.stiCa(s.https().resolve("/acme/directory"), Http.trusting(s.trustPem()), stiPa, s.spc()));
            pebble.add(IssuanceClient.pebble(s.pebble(), Http.trusting(s.pebbleTrustPem()), "bench" + i + ".shaken-pki.test"));
        }
        // longer than the other measures' warm-up: the JIT still compiled 2-5 s per 10 s of issuance after 15 s
        double warmup = Settings.seconds("bench.issuance-warmup-seconds", "45");
        report.put("issuance_warmup_seconds", warmup);
        new Measure("issuance", Side.acme("shaken_pki", s.server(), stiCa, 0),
                Side.acme("pebble", ServerProcesses.single("pebble", s.pebblePid()), pebble, 0.01),
                s.runs(), s.seconds(), warmup, s.clockTicks()).run(report, runs);
    }

    private static void finish(Settings s, Map<String, Object> report, Map<String, Object> runs, Map<String, Object> notes,
                               String loadAtStart) throws Exception {
        report.put("rss_mb", s.server().nodesRssMb());
        if (s.server().several()) {
            report.put("rss_mb_by_process", s.server().rssMbByProcess());
        }
        report.put("rss_mb_secsipidx", ProcStats.rssMb(s.secsipidxPid()));
        report.put("rss_mb_pebble", ProcStats.rssMb(s.pebblePid()));
        report.put("startup_s", s.startupSeconds());
        // the CPU the server used up to healthy: on a shared machine steadier than the wall-clock time
        String startupCpu = System.getProperty("bench.startup-cpu-s", "");
        report.put("startup_cpu_s", startupCpu.isBlank() ? null : Double.valueOf(startupCpu));
        // the first start of a newly built WAR, which has no class-data archive yet (./shaken-pki: cds_options)
        String firstStart = System.getProperty("bench.startup-first-build-s", "");
        report.put("startup_first_build_s", firstStart.isBlank() ? null : Double.valueOf(firstStart));
        report.put("load_generator", LoadGeneratorCheck.of(report));
        Map<String, Object> machine = Machine.describe();
        machine.put("loadavg_at_start", loadAtStart);
        report.put("machine", machine);
        report.put("versions", s.versions());
        report.put("settings", s.asMap());
        if (s.startupSeconds() == null) {
            notes.put("startup", "not measured: the server was already running");
        }
        notes.put("method", "per measure: a warm-up of each server, then alternating runs (shaken-pki, peer, ...) at the"
                + " maximum rate with wrk -t1 -c2 (issuance: C acme4j clients), server CPU per operation from utime+stime in"
                + " /proc/<pid>/stat of each server process over each run; then alternating open-loop runs at half of each"
                + " server's median maximum on 2 keep-alive connections, latency counted from each request's due time;"
                + " every figure is the median over the runs; ratios are shaken-pki over the peer; rss after the bench");
        if (s.nodes() > 1) {
            notes.put("cluster", s.nodes() + " nodes (./shaken-pki start --nodes " + s.nodes() + ") behind HAProxy in TCP mode"
                    + " with a shared PostgreSQL, all on this one machine: the figures show the cluster's overhead (the hop"
                    + " through the balancer, the database over a socket instead of H2 in the JVM, " + s.nodes()
                    + " JVMs sharing the same cores), not a gain; server CPU per operation is the sum over the nodes, HAProxy"
                    + " and PostgreSQL (its postmaster and backends), divided in *_cpu_ms_by_process; rss_mb is the nodes'"
                    + " VmRSS summed, rss_mb_by_process each process's (PostgreSQL's as its proportional set size)");
        }
        notes.put("quiet_machine", "figures mean something only on a quiet machine: check machine.loadavg");
        report.put("notes", notes);
        report.put("runs", runs);

        Files.writeString(s.report(), JsonWriter.write(report));
        System.out.println();
        System.out.print(Table.of(report));
        System.out.println("report: " + s.report());
    }

    private static void rawRates(Settings s, Map<String, Object> report, Map<String, Object> notes) throws Exception {
        if (Boolean.getBoolean("bench.skip-raw")) {
            notes.put("raw", "skipped: bench.skip-raw");
            return;
        }
        if (s.hsmCfg() != null) {
            System.out.println("bench: raw SunPKCS11 ES256 signing (JMH) ...");
            report.put("raw_hsm_sign_per_s", RawRates.opsPerSecond(HsmSignBenchmark.class, s.c(), s.runs(), s.jmhSeconds(),
                    "-Dbench.hsm.cfg=" + s.hsmCfg(), "-Dbench.hsm.pin-file=" + s.hsmPinFile()));
        } else {
            notes.put("raw_hsm_sign", "skipped: no bench.hsm.cfg");
        }
        System.out.println("bench: raw JCA ES256 verification (JMH) ...");
        report.put("raw_verify_per_s", RawRates.opsPerSecond(VerifyBenchmark.class, s.c(), s.runs(), s.jmhSeconds()));
        System.out.println("bench: raw BouncyCastle ES256 verification (JMH) ...");
        report.put("raw_verify_bc_per_s", RawRates.opsPerSecond(VerifyBcBenchmark.class, s.c(), s.runs(), s.jmhSeconds()));
    }
}
