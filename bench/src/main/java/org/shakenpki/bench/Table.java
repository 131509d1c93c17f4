package org.shakenpki.bench;

import java.util.Map;

/** The report as a plain-text table, each measured rate beside its limit and the target. */
final class Table {
    private Table() {
    }

    static String of(Map<String, Object> r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-40s %12s   %s%n", "metric", "value", "limit / target"));
        row(out, r, "issuance_per_s", "");
        row(out, r, "issuance_p50_ms", "");
        row(out, r, "issuance_p99_ms", "");
        row(out, r, "server_cpu_ms_per_issuance", "target <= 7");
        row(out, r, "server_cpu_ms_per_issuance_without_jit", "threads other than C1/C2 CompilerThread");
        row(out, r, "signing_per_s", ratio(r, "signing_per_s", "raw_hsm_sign_per_s") + " of raw HSM, target >= 50%");
        row(out, r, "raw_hsm_sign_per_s", "JMH, SunPKCS11 on SoftHSM2");
        row(out, r, "server_cpu_ms_per_signature", "");
        row(out, r, "server_cpu_ms_per_signature_without_jit", "");
        row(out, r, "verification_per_s", r.get("verification_per_s") == null ? "not measured: see notes"
                : ratio(r, "verification_per_s", "raw_verify_per_s") + " of raw JCA, target >= 50%");
        row(out, r, "raw_verify_per_s", "JMH, SunEC");
        row(out, r, "raw_verify_bc_per_s", r.get("verification_per_s") == null ? "JMH, BouncyCastle (the server's verifier)"
                : ratio(r, "verification_per_s", "raw_verify_bc_per_s") + " of it: JMH, BouncyCastle (the server's verifier)");
        row(out, r, "server_cpu_ms_per_verification", "");
        row(out, r, "server_cpu_ms_per_verification_without_jit", "");
        row(out, r, "startup_s", "target < 30");
        row(out, r, "rss_mb", "target < 768");
        return out.toString();
    }

    private static void row(StringBuilder out, Map<String, Object> r, String key, String note) {
        Object v = r.get(key);
        String value = v instanceof Double d ? (Double.isFinite(d) ? String.format("%.1f", d) : "-") : v == null ? "-" : v.toString();
        out.append(String.format("%-40s %12s   %s%n", key, value, note));
    }

    private static String ratio(Map<String, Object> r, String measured, String limit) {
        if (r.get(measured) instanceof Double m && r.get(limit) instanceof Double l && l > 0) {
            return String.format("%.0f%%", 100 * m / l);
        }
        return "-";
    }
}
