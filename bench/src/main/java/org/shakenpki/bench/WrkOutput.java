package org.shakenpki.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * What one wrk run measured, parsed from the line {@code BENCH key=value ...} that {@code bench/wrk/requests.lua}
 * prints in its {@code done()} hook (wrk's own summary is for people and its units vary: "3.05k", "1.20ms").
 *
 * @param requests   answers received
 * @param seconds    the run's length as wrk measured it
 * @param errors     connect, read, write and timeout errors plus answers other than 200 or without the marker
 * @param p50Ms      wrk's median latency (closed loop: time from send to answer)
 * @param p99Ms      wrk's 99th percentile latency
 * @param cpuSeconds wrk's own CPU time (utime + stime, from {@code os.clock()}), to show it was not the bottleneck
 * @param firstFailure the first failed answer's status and body start, or "" when none failed
 */
public record WrkOutput(long requests, double seconds, long errors, double p50Ms, double p99Ms, double cpuSeconds,
                        String firstFailure) {

    public double perSecond() {
        return requests / seconds;
    }

    /** wrk's CPU time over its run's length: 1.0 is its one thread fully busy, so it may have been the limit. */
    public double cpuShare() {
        return cpuSeconds / seconds;
    }

    /** Parses wrk's standard output; throws when the BENCH line is missing (the script did not run to its end). */
    public static WrkOutput parse(String stdout) {
        Map<String, String> values = new HashMap<>();
        String first = "";
        for (String line : stdout.split("\n")) {
            if (line.startsWith("BENCH ")) {
                for (String pair : line.substring(6).trim().split("\\s+")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        values.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                }
            } else if (line.startsWith("BENCH-FIRST-FAILURE ")) {
                first = line.substring("BENCH-FIRST-FAILURE ".length()).strip();
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("wrk printed no BENCH line: " + stdout.strip());
        }
        // failed counts non-200 answers too, which wrk's status_errors (>= 400) also counts: take the larger
        long failed = Math.max(number(values, "failed"), number(values, "status_errors"));
        long errors = number(values, "connect_errors") + number(values, "read_errors") + number(values, "write_errors")
                + number(values, "timeouts") + failed;
        return new WrkOutput(number(values, "requests"), number(values, "duration_us") / 1e6, errors,
                number(values, "p50_us") / 1e3, number(values, "p99_us") / 1e3,
                Double.parseDouble(required(values, "cpu_s")), first);
    }

    private static long number(Map<String, String> values, String key) {
        return Long.parseLong(required(values, key));
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("wrk's BENCH line has no " + key);
        }
        return value;
    }
}
