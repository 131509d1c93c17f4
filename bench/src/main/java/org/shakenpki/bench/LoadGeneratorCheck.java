package org.shakenpki.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the load generator, not the server, may have set a measured rate: wrk's own CPU over each run (its one
 * thread fully busy means it may be the limit), the lightest request shaken-pki answers (a static PEM) with wrk not
 * busy, which shows wrk can send more than any heavier measure, and the bench's own open-loop generator's maximum beside wrk's on the same endpoint (it must
 * reach within 10% for its fixed-load latencies to be trusted at half of wrk's rate).
 */
final class LoadGeneratorCheck {
    private LoadGeneratorCheck() {
    }

    static Map<String, Object> of(Map<String, Object> report) {
        Map<String, Object> check = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (String prefix : List.of("sign", "sign_secsipidx", "verify", "verify_secsipidx")) {
            if (report.get(prefix + "_generator_cpu_share") instanceof Double share && share >= BenchMain.GENERATOR_BUSY) {
                warnings.add(prefix + ": wrk's thread was " + Math.round(100 * share) + "% busy, so wrk may have set the rate");
            }
            if (report.get(prefix + "_own_generator_ratio_to_wrk") instanceof Double ratio && ratio < 0.9) {
                warnings.add(prefix + ": the bench's own generator reached " + Math.round(100 * ratio)
                        + "% of wrk's rate (< 90%), so its p50/p99 at half of wrk's maximum may be the generator's");
            }
            if (report.get(prefix + "_offered_per_s") instanceof Double offered
                    && report.get(prefix + "_achieved_per_s") instanceof Double achieved && achieved < 0.95 * offered) {
                warnings.add(prefix + ": the fixed load was not reached (" + Math.round(achieved) + " of " + Math.round(offered) + "/s)");
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        for (String prefix : List.of("issuance", "issuance_pebble")) {
            if (report.get(prefix + "_generator_cpu_share") instanceof Double share && share >= BenchMain.GENERATOR_BUSY * cores) {
                warnings.add(prefix + ": the acme4j clients took " + Math.round(100 * share) + "% of a core of the " + cores
                        + ": the client may have set the rate");
            }
        }
        if (report.get("lightest_wrk_cpu_share") instanceof Double share && share >= BenchMain.GENERATOR_BUSY) {
            warnings.add("lightest: wrk's thread was " + Math.round(100 * share) + "% busy on the lightest request, so its"
                    + " rate is wrk's limit, not the server's");
        }
        check.put("lightest_per_s", report.get("lightest_per_s"));
        check.put("lightest_wrk_cpu_share", report.get("lightest_wrk_cpu_share"));
        check.put("ok", warnings.isEmpty());
        check.put("warnings", warnings);
        return check;
    }
}
