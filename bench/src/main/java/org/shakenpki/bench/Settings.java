package org.shakenpki.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bench settings, from {@code bench.*} system properties that {@code bench/run-bench.sh} passes.
 *
 * @param n issuances per measured run
 * @param c concurrent clients (and JMH threads)
 * @param runs measured runs (and JMH measurement iterations)
 * @param seconds length of one signing or verification run
 * @param apiKeyFile the STI-AS API key the signing runs authenticate with ({@code bench/run-bench.sh} makes it)
 */
public record Settings(URI http, URI https, Path trustPem, long pid, int clockTicks, int n, int c, int runs,
                       int warmupIssuances, double seconds, double warmupSeconds, int jmhSeconds, String hsmCfg,
                       String hsmPinFile, String account, String spc, Path adminPasswordFile, Path userPasswordFile,
                       Path apiKeyFile, Double startupSeconds, Path report, Map<String, Object> versions) {

    static Settings fromSystemProperties() {
        Path data = Path.of(required("bench.data"));
        String startup = System.getProperty("bench.startup-s", "");
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        versions.put("shaken_pki", System.getProperty("bench.version.app", "unknown"));
        versions.put("payara_micro", System.getProperty("bench.version.payara", "unknown"));
        versions.put("softhsm2", System.getProperty("bench.version.softhsm", "unknown"));
        versions.put("jmh", System.getProperty("bench.version.jmh", "unknown"));
        versions.put("acme4j", System.getProperty("bench.version.acme4j", "unknown"));
        return new Settings(
                URI.create(required("bench.http")), URI.create(required("bench.https")),
                Path.of(required("bench.trust-pem")), Long.parseLong(required("bench.pid")),
                Integer.getInteger("bench.clk-tck", 100),
                Integer.getInteger("bench.n", 30), Integer.getInteger("bench.c", 2), Integer.getInteger("bench.runs", 3),
                Integer.getInteger("bench.warmup-issuances", 60),
                Double.parseDouble(System.getProperty("bench.seconds", "5")),
                Double.parseDouble(System.getProperty("bench.warmup-seconds", "4")),
                Integer.getInteger("bench.jmh-seconds", 2),
                System.getProperty("bench.hsm.cfg"), System.getProperty("bench.hsm.pin-file"),
                System.getProperty("bench.account", "bench-sp"), System.getProperty("bench.spc", "7001"),
                data.resolve("sti-pa/admin.password"), data.resolve("bench/sti-pa-user.password"),
                data.resolve("bench/as.api-key"),
                startup.isBlank() ? null : Double.valueOf(startup),
                Path.of(System.getProperty("bench.report", "bench-report.json")), versions);
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing system property " + name);
        }
        return value;
    }

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("N", n);
        map.put("C", c);
        map.put("runs", runs);
        map.put("warmup_issuances", warmupIssuances);
        map.put("seconds_per_run", seconds);
        map.put("warmup_seconds", warmupSeconds);
        map.put("jmh_iteration_seconds", jmhSeconds);
        map.put("server", http.toString());
        return map;
    }
}
