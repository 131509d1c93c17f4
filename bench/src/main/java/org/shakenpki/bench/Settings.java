package org.shakenpki.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bench settings, from {@code bench.*} system properties that {@code bench/run-bench.sh} passes.
 *
 * @param server     the server's processes: {@code bench.pid} (one pid, or a comma-separated list of a cluster's
 *                   nodes, each {@code pid} or {@code name=pid}), {@code bench.balancer-pid} and {@code bench.database-pid}
 *                   (blank for a single server), see {@link ServerProcesses}
 * @param nodes      {@code bench.nodes}: 1 for one server, N for {@code ./shaken-pki start --nodes N} behind HAProxy
 * @param c          concurrent ACME clients per issuance run (and JMH threads)
 * @param runs       measured runs per server and measure (alternating), and JMH measurement iterations
 * @param seconds    length of one run (wrk takes whole seconds)
 * @param apiKeyFile the STI-AS API key the signing runs authenticate with ({@code bench/run-bench.sh} makes it)
 * @param secsipidx  the peer secsipidx's HTTP server, {@code secsipidxPid} its process
 * @param pebble     the peer Pebble's ACME directory, {@code pebblePid} its process, {@code pebbleTrustPem} its TLS certificate
 * @param wrkScript  {@code bench/wrk/requests.lua}
 * @param scratch    a private directory for the request files wrk reads
 */
public record Settings(URI http, URI https, Path trustPem, ServerProcesses server, int nodes, int clockTicks, int c, int runs,
                       double seconds, double warmupSeconds, int jmhSeconds, String hsmCfg,
                       String hsmPinFile, String account, String spc, Path adminPasswordFile, Path userPasswordFile,
                       Path apiKeyFile, URI secsipidx, long secsipidxPid, URI pebble, long pebblePid, Path pebbleTrustPem,
                       Path wrkScript, Path scratch, Double startupSeconds, Path report, Map<String, Object> versions) {

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
        versions.put("wrk", System.getProperty("bench.version.wrk", "unknown"));
        versions.put("secsipidx", System.getProperty("bench.version.secsipidx", "unknown"));
        versions.put("pebble", System.getProperty("bench.version.pebble", "unknown"));
        return new Settings(
                URI.create(required("bench.http")), URI.create(required("bench.https")),
                Path.of(required("bench.trust-pem")),
                ServerProcesses.parse(required("bench.pid"), System.getProperty("bench.balancer-pid", ""),
                        System.getProperty("bench.database-pid", ""), ProcStats.PROC),
                Integer.getInteger("bench.nodes", 1),
                Integer.getInteger("bench.clk-tck", 100),
                Integer.getInteger("bench.c", 2), Integer.getInteger("bench.runs", 3),
                seconds("bench.seconds", "5"), seconds("bench.warmup-seconds", "15"),
                Integer.getInteger("bench.jmh-seconds", 2),
                System.getProperty("bench.hsm.cfg"), System.getProperty("bench.hsm.pin-file"),
                System.getProperty("bench.account", "bench-sp"), System.getProperty("bench.spc", "7001"),
                data.resolve("sti-pa/admin.password"), data.resolve("bench/sti-pa-user.password"),
                data.resolve("bench/as.api-key"),
                URI.create(required("bench.secsipidx")), Long.parseLong(required("bench.secsipidx-pid")),
                URI.create(required("bench.pebble")), Long.parseLong(required("bench.pebble-pid")),
                Path.of(required("bench.pebble-trust-pem")),
                Path.of(required("bench.wrk-script")), Path.of(required("bench.scratch")),
                startup.isBlank() ? null : Double.valueOf(startup),
                Path.of(System.getProperty("bench.report", "bench-report.json")), versions);
    }

    /**
     * A run length in seconds. At most 45: a verification run's PASSporTs are signed just before it and the
     * STI-VS (and secsipidx, {@code -expire 60}) refuse an iat older than 60 s.
     */
    static double seconds(String name, String fallback) {
        double value = Double.parseDouble(System.getProperty(name, fallback));
        if (!(value >= 1 && value <= 45)) {
            throw new IllegalArgumentException(name + " must be between 1 and 45 seconds (the iat freshness window is 60 s): " + value);
        }
        return value;
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
        map.put("nodes", nodes);
        map.put("C", c);
        map.put("runs", runs);
        map.put("seconds_per_run", seconds);
        map.put("warmup_seconds", warmupSeconds);
        map.put("jmh_iteration_seconds", jmhSeconds);
        map.put("wrk", "-t" + Wrk.THREADS + " -c" + Wrk.CONNECTIONS + " (keep-alive)");
        map.put("server", http.toString());
        if (server.several()) {
            map.put("server_processes", server.members().stream().map(m -> m.name() + " (pid " + m.pid() + ")").toList());
        }
        map.put("secsipidx", secsipidx.toString());
        map.put("pebble", pebble.toString());
        return map;
    }
}
