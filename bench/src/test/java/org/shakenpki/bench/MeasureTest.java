package org.shakenpki.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeasureTest {
    /** A side whose maximum runs give the rates in turn, and that records the order of calls and the offered loads. */
    private static Side fake(String name, List<String> log, double... rates) {
        ServerProcesses processes = ServerProcesses.single(name, ProcessHandle.current().pid());
        int[] next = {0};
        int[] opens = {0};
        return new Side() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ServerProcesses processes() {
                return processes;
            }

            @Override
            public Run prepare() {
                return new Run() {
                    @Override
                    public Max max(double seconds) {
                        log.add(name + " max");
                        return new Max((long) (rates[next[0]++ % rates.length] * seconds), seconds, 0.1);
                    }

                    @Override
                    public Load.Result open(double perSecond, double seconds) {
                        log.add(name + " open " + perSecond);
                        // the first open-loop run (the generator's warm-up) stalls: 1000 ms at its p99
                        double worst = opens[0]++ == 0 ? 1000 : 100;
                        return new Load.Result((int) (perSecond * seconds), 0, seconds, new double[] {1, 2, 3, 4, worst}, null);
                    }

                    @Override
                    public Load.Result ownMax(double seconds) {
                        log.add(name + " own");
                        return new Load.Result(95, 0, 1, new double[] {1}, null);
                    }
                };
            }
        };
    }

    @Test
    void runsAlternateAndLatencyIsTakenAtHalfTheMedianMaximum() throws Exception {
        List<String> log = new ArrayList<>();
        Map<String, Object> report = new LinkedHashMap<>();
        new Measure("sign", fake("shaken_pki", log, 100, 300, 200), fake("secsipidx", log, 1000), 3, 1, 1, 100)
                .run(report, new LinkedHashMap<>());
        assertEquals(List.of("shaken_pki max", "secsipidx max", // warm-up
                "shaken_pki max", "secsipidx max", "shaken_pki max", "secsipidx max", "shaken_pki max", "secsipidx max",
                "shaken_pki open 100.0", "secsipidx open 500.0", // the open-loop generator's warm-up, unrecorded
                "shaken_pki open 100.0", "secsipidx open 500.0", "shaken_pki open 100.0", "secsipidx open 500.0",
                "shaken_pki open 100.0", "secsipidx open 500.0",
                // per side: the own generator's warm-up, then per run its maximum and wrk beside it, wrk first in
                // every other pair so that a server still warming up favours neither
                "shaken_pki own", "shaken_pki own", "shaken_pki max", "shaken_pki max", "shaken_pki own",
                "shaken_pki own", "shaken_pki max",
                "secsipidx own", "secsipidx own", "secsipidx max", "secsipidx max", "secsipidx own",
                "secsipidx own", "secsipidx max"), log);
        // the warm-up took the first rate (100): the measured runs are 300, 200, 100, median 200
        assertEquals(200.0, report.get("sign_per_s"));
        assertEquals(1000.0, report.get("sign_secsipidx_per_s"));
        assertEquals(0.2, report.get("sign_rate_ratio_to_secsipidx"));
        assertEquals(100.0, report.get("sign_p99_ms"));
        // the warm-up's stall is in no run's figures
        Map<String, Object> perRun = new LinkedHashMap<>();
        new Measure("sign", fake("shaken_pki", new ArrayList<>(), 100), fake("secsipidx", new ArrayList<>(), 1000), 1, 1, 1, 100)
                .run(new LinkedHashMap<>(), perRun);
        assertEquals(List.of(100.0), ((Map<?, ?>) ((Map<?, ?>) perRun.get("sign")).get("shaken_pki")).get("p99_ms"));
        // the own generator (95/s) against the wrk runs beside it (rates 300, 200, 100 again: median 200)
        assertEquals(200.0, report.get("sign_own_generator_wrk_per_s"));
        assertEquals(95.0 / 200, (Double) report.get("sign_own_generator_ratio_to_wrk"), 1e-9);
        assertTrue(report.containsKey("sign_cpu_ratio_to_secsipidx"));
        assertTrue(report.containsKey("sign_cpu_ms"));
        assertTrue(report.containsKey("sign_secsipidx_p99_ms"));
    }

    @Test
    void theGeneratorCheckWarnsWhenWrkWasBusyOrTheOwnGeneratorFellShort() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("sign_generator_cpu_share", 0.95);
        report.put("verify_own_generator_ratio_to_wrk", 0.8);
        report.put("lightest_generator_cpu_share", 0.1);
        Map<String, Object> check = LoadGeneratorCheck.of(report);
        assertFalse((Boolean) check.get("ok"));
        assertEquals(2, ((List<?>) check.get("warnings")).size());
        Map<String, Object> quiet = Map.of("sign_generator_cpu_share", 0.2, "verify_own_generator_ratio_to_wrk", 1.05);
        assertTrue((Boolean) LoadGeneratorCheck.of(quiet).get("ok"));
    }
}
