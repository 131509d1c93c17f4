package org.shakenpki.bench;

import java.util.Map;

/** The report as plain-text tables: per measure shaken-pki beside its peer in the same run, then the rest. */
final class Table {
    private Table() {
    }

    static String of(Map<String, Object> r) {
        StringBuilder out = new StringBuilder();
        Object nodes = r.get("settings") instanceof Map<?, ?> settings ? settings.get("nodes") : null;
        boolean cluster = nodes instanceof Integer n && n > 1;
        if (cluster) {
            out.append(String.format("shaken-pki: %s nodes behind HAProxy with a shared PostgreSQL on this one machine:"
                    + " the cluster's overhead, not a gain%n", nodes));
        }
        out.append(String.format("%-10s %-11s %10s %9s %8s %8s %8s   %s%n",
                "measure", "server", "max /s", "CPU ms/op", "p50 ms", "p99 ms", "at /s", "CPU ratio to the peer"));
        measure(out, r, "sign", "secsipidx");
        measure(out, r, "verify", "secsipidx");
        measure(out, r, "issuance", "pebble");
        out.append(String.format("(p50/p99: open loop at half of each server's maximum; medians over %s runs)%n",
                r.get("settings") instanceof Map<?, ?> settings ? settings.get("runs") : "?"));
        out.append('\n');
        row(out, r, "lightest_per_s", "GET /sti-ca/root.pem with wrk (shows what wrk can send)");
        for (String prefix : new String[] {"sign", "sign_secsipidx", "verify", "verify_secsipidx"}) {
            row(out, r, prefix + "_own_generator_ratio_to_wrk", String.format("own generator %s/s, wrk beside it %s/s (>= 0.9 wanted)",
                    number(r.get(prefix + "_own_generator_per_s"), "%.0f"), number(r.get(prefix + "_own_generator_wrk_per_s"), "%.0f")));
        }
        row(out, r, "raw_hsm_sign_per_s", "JMH, SunPKCS11 on SoftHSM2");
        row(out, r, "raw_verify_per_s", "JMH, SunEC");
        row(out, r, "raw_verify_bc_per_s", "JMH, BouncyCastle (the server's verifier)");
        row(out, r, "startup_s", "./shaken-pki start to healthy, empty data directory");
        row(out, r, "startup_first_build_s", "the same, first start of a new build (no class-data archive yet)");
        row(out, r, "startup_cpu_s", "server CPU (utime + stime) up to healthy");
        row(out, r, "rss_mb", cluster ? "the nodes' resident memory after the bench, summed" : "server resident memory after the bench");
        byProcess(out, r, "rss_mb_by_process", "%.0f");
        for (String key : new String[] {"sign", "verify", "issuance"}) {
            byProcess(out, r, key + "_cpu_ms_by_process", "%.3f");
        }
        if (r.get("load_generator") instanceof Map<?, ?> check) {
            out.append(Boolean.TRUE.equals(check.get("ok")) ? "load generator: not the limit (see load_generator)\n"
                    : "load generator WARNINGS: " + check.get("warnings") + "\n");
        }
        return out.toString();
    }

    private static void measure(StringBuilder out, Map<String, Object> r, String key, String peer) {
        if (!(r.get(key + "_per_s") instanceof Double)) {
            out.append(String.format("%-10s not measured: see notes%n", key));
            return;
        }
        side(out, r, key, key, "shaken-pki", number(r.get(key + "_cpu_ratio_to_" + peer), "%.2fx"));
        side(out, r, "", key + "_" + peer, peer, "");
    }

    private static void side(StringBuilder out, Map<String, Object> r, String label, String prefix, String server, String ratio) {
        out.append(String.format("%-10s %-11s %10s %9s %8s %8s %8s   %s%n", label, server,
                number(r.get(prefix + "_per_s"), "%.1f"), number(r.get(prefix + "_cpu_ms"), "%.3f"),
                number(r.get(prefix + "_p50_ms"), "%.2f"), number(r.get(prefix + "_p99_ms"), "%.2f"),
                number(r.get(prefix + "_offered_per_s"), "%.1f"), ratio));
    }

    private static void row(StringBuilder out, Map<String, Object> r, String key, String note) {
        out.append(String.format("%-44s %10s   %s%n", key, number(r.get(key), "%.2f"), note));
    }

    /** A cluster's figure by process on one line: "sign_cpu_ms_by_process  node-1 0.210, node-2 0.190, ...". */
    private static void byProcess(StringBuilder out, Map<String, Object> r, String key, String format) {
        if (r.get(key) instanceof Map<?, ?> byProcess) {
            StringBuilder line = new StringBuilder();
            byProcess.forEach((process, value) -> line.append(line.length() > 0 ? ", " : "").append(process).append(' ')
                    .append(number(value, format)));
            out.append(String.format("%-44s %s%n", key, line));
        }
    }

    static String number(Object v, String format) {
        return v instanceof Double d && Double.isFinite(d) ? String.format(format, d) : v == null ? "-" : v.toString();
    }
}
