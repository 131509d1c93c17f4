package org.shakenpki.bench;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load driver behind {@code ./shaken-pki bench}: raw rates through JMH, then issuance, signing and
 * verification over HTTP against the running server with C clients, each warmed up and then measured over
 * several runs; prints a table and writes {@code bench-report.json}. Settings are system properties
 * ({@code bench.*}, see {@link Settings}); the server is started and provisioned by {@code bench/run-bench.sh}.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Settings s = Settings.fromSystemProperties();
        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> notes = new LinkedHashMap<>();
        System.out.printf("bench: N=%d issuances x %d runs, C=%d clients, %ss per signing/verification run%n",
                s.n(), s.runs(), s.c(), s.seconds());

        Double rawSign = null;
        Double rawVerify = null;
        Double rawVerifyBc = null;
        if (Boolean.getBoolean("bench.skip-raw")) {
            notes.put("raw", "skipped: bench.skip-raw");
        } else if (s.hsmCfg() != null) {
            System.out.println("bench: raw SunPKCS11 ES256 signing (JMH) ...");
            rawSign = RawRates.opsPerSecond(HsmSignBenchmark.class, s.c(), s.runs(), s.jmhSeconds(),
                    "-Dbench.hsm.cfg=" + s.hsmCfg(), "-Dbench.hsm.pin-file=" + s.hsmPinFile());
        } else {
            notes.put("raw_hsm_sign", "skipped: no bench.hsm.cfg");
        }
        if (!Boolean.getBoolean("bench.skip-raw")) {
            System.out.println("bench: raw JCA ES256 verification (JMH) ...");
            rawVerify = RawRates.opsPerSecond(VerifyBenchmark.class, s.c(), s.runs(), s.jmhSeconds());
            System.out.println("bench: raw BouncyCastle ES256 verification (JMH) ...");
            rawVerifyBc = RawRates.opsPerSecond(VerifyBcBenchmark.class, s.c(), s.runs(), s.jmhSeconds());
        }

        Http http = new Http(Http.trusting(s.trustPem()));
        long pid = s.pid();

        System.out.println("bench: issuance ...");
        StiPa stiPa = new StiPa(http, s.http(), s.account());
        stiPa.setUp(s.spc(), s.adminPasswordFile(), s.userPasswordFile());
        List<IssuanceClient> clients = new ArrayList<>();
        for (int i = 0; i < s.c(); i++) {
            clients.add(new IssuanceClient(s.https().resolve("/acme/directory"), Http.trusting(s.trustPem()), stiPa, s.spc()));
        }
        LoadRun.Operation issue = client -> clients.get(client).issue();
        failOnErrors("issuance warm-up", LoadRun.count(s.c(), s.warmupIssuances(), issue));
        List<Double> issuanceRates = new ArrayList<>();
        List<Double> cpuPerIssuance = new ArrayList<>();
        List<Double> cpuPerIssuanceWithoutJit = new ArrayList<>();
        List<double[]> issuanceLatencies = new ArrayList<>();
        for (int run = 0; run < s.runs(); run++) {
            long before = ProcStats.cpuTicks(pid);
            long beforeWithoutJit = ProcStats.cpuTicksWithoutJit(pid);
            LoadRun.Result result = LoadRun.count(s.c(), s.n(), issue);
            long after = ProcStats.cpuTicks(pid);
            long afterWithoutJit = ProcStats.cpuTicksWithoutJit(pid);
            failOnErrors("issuance", result);
            issuanceRates.add(result.perSecond());
            cpuPerIssuance.add((after - before) * 1000.0 / s.clockTicks() / result.completed());
            cpuPerIssuanceWithoutJit.add((afterWithoutJit - beforeWithoutJit) * 1000.0 / s.clockTicks() / result.completed());
            issuanceLatencies.add(result.latenciesMs());
            System.out.printf("  run %d: %.1f/s, server CPU %.1f ms per issuance (%.1f ms without the JIT compiler)%n",
                    run + 1, result.perSecond(), cpuPerIssuance.get(run), cpuPerIssuanceWithoutJit.get(run));
        }
        double[] allIssuances = issuanceLatencies.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
        double rss = ProcStats.rssMb(pid);

        System.out.println("bench: signing ...");
        Stir stir = new Stir(http, s.http(), Files.readString(s.apiKeyFile()).strip());
        LoadRun.Operation sign = client -> stir.sign();
        failOnErrors("signing warm-up", LoadRun.timed(s.c(), s.warmupSeconds(), sign));
        List<Double> signingRates = new ArrayList<>();
        List<Double> cpuPerSignature = new ArrayList<>();
        List<Double> cpuPerSignatureWithoutJit = new ArrayList<>();
        for (int run = 0; run < s.runs(); run++) {
            long before = ProcStats.cpuTicks(pid);
            long beforeWithoutJit = ProcStats.cpuTicksWithoutJit(pid);
            LoadRun.Result result = LoadRun.timed(s.c(), s.seconds(), sign);
            long after = ProcStats.cpuTicks(pid);
            long afterWithoutJit = ProcStats.cpuTicksWithoutJit(pid);
            failOnErrors("signing", result);
            signingRates.add(result.perSecond());
            cpuPerSignature.add((after - before) * 1000.0 / s.clockTicks() / result.completed());
            cpuPerSignatureWithoutJit.add((afterWithoutJit - beforeWithoutJit) * 1000.0 / s.clockTicks() / result.completed());
            System.out.printf("  run %d: %.0f/s%n", run + 1, result.perSecond());
        }

        System.out.println("bench: verification ...");
        Double verification = null;
        Double cpuPerVerification = null;
        Double cpuPerVerificationWithoutJit = null;
        HttpResponse<String> probe = stir.verifyRaw(stir.sign());
        boolean failed = false;
        if (probe.statusCode() == 404) {
            notes.put("verification", "skipped: POST /stir/v1/verification answered 404 (no STI-VS in this build)");
            System.out.println("  skipped: the server has no STI-VS (404)");
        } else {
            try {
                Measured measured = verification(s, stir, pid);
                verification = measured.perSecond();
                cpuPerVerification = measured.cpuMs();
                cpuPerVerificationWithoutJit = measured.cpuMsWithoutJit();
            } catch (IllegalStateException e) {
                // a failing STI-VS is reported as such, never as a rate, and the other results are kept
                notes.put("verification", "failed: " + e.getMessage());
                System.out.println("  failed: " + e.getMessage());
                failed = true;
            }
        }

        report.put("issuance_per_s", Stats.median(issuanceRates));
        report.put("issuance_p50_ms", Stats.percentile(allIssuances, 50));
        report.put("issuance_p99_ms", Stats.percentile(allIssuances, 99));
        report.put("server_cpu_ms_per_issuance", Stats.median(cpuPerIssuance));
        report.put("server_cpu_ms_per_issuance_without_jit", Stats.median(cpuPerIssuanceWithoutJit));
        report.put("signing_per_s", Stats.median(signingRates));
        report.put("raw_hsm_sign_per_s", rawSign);
        report.put("server_cpu_ms_per_signature", Stats.median(cpuPerSignature));
        report.put("server_cpu_ms_per_signature_without_jit", Stats.median(cpuPerSignatureWithoutJit));
        report.put("verification_per_s", verification);
        report.put("raw_verify_per_s", rawVerify);
        report.put("raw_verify_bc_per_s", rawVerifyBc);
        report.put("server_cpu_ms_per_verification", cpuPerVerification);
        report.put("server_cpu_ms_per_verification_without_jit", cpuPerVerificationWithoutJit);
        report.put("startup_s", s.startupSeconds());
        report.put("rss_mb", rss);
        report.put("machine", Machine.describe());
        report.put("versions", s.versions());
        report.put("settings", s.asMap());
        if (s.startupSeconds() == null) {
            notes.put("startup", "not measured: the server was already running");
        }
        notes.put("method", "rates and CPU per operation are medians over the runs; issuance p50/p99 are over all"
                + " measured issuances; CPU from utime+stime of the server process in /proc; RSS after the issuance runs");
        report.put("notes", notes);

        Files.writeString(s.report(), JsonWriter.write(report));
        System.out.println();
        System.out.print(Table.of(report));
        System.out.println("report: " + s.report());
        if (failed) {
            System.exit(1);
        }
    }

    /** A measured rate and the server CPU per operation (all threads; without the JIT compiler), medians over the runs. */
    private record Measured(double perSecond, double cpuMs, double cpuMsWithoutJit) {
    }

    private static Measured verification(Settings s, Stir stir, long pid) throws Exception {
        List<Double> rates = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> cpuWithoutJit = new ArrayList<>();
        for (int run = -1; run < s.runs(); run++) {
            // fresh PASSporTs per run: the STI-VS rejects an iat older than its freshness window
            List<String> identities = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                identities.add(stir.sign());
            }
            LoadRun.Operation verify = client -> stir.verify(identities.get((int) (System.nanoTime() % identities.size())));
            long before = ProcStats.cpuTicks(pid);
            long beforeWithoutJit = ProcStats.cpuTicksWithoutJit(pid);
            LoadRun.Result result = LoadRun.timed(s.c(), run < 0 ? s.warmupSeconds() : s.seconds(), verify);
            long after = ProcStats.cpuTicks(pid);
            long afterWithoutJit = ProcStats.cpuTicksWithoutJit(pid);
            failOnErrors(run < 0 ? "verification warm-up" : "verification", result);
            if (run >= 0) {
                rates.add(result.perSecond());
                cpu.add((after - before) * 1000.0 / s.clockTicks() / result.completed());
                cpuWithoutJit.add((afterWithoutJit - beforeWithoutJit) * 1000.0 / s.clockTicks() / result.completed());
                System.out.printf("  run %d: %.0f/s%n", run + 1, result.perSecond());
            }
        }
        return new Measured(Stats.median(rates), Stats.median(cpu), Stats.median(cpuWithoutJit));
    }

    private static void failOnErrors(String what, LoadRun.Result result) {
        if (result.errors() > 0) {
            throw new IllegalStateException(what + ": " + result.errors() + " of " + (result.errors() + result.completed())
                    + " calls failed; first: " + result.firstError());
        }
    }
}
