package org.shakenpki.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WrkOutputTest {
    /** wrk 4.1.0's output with requests.lua's result line, as printed against secsipidx here. */
    private static final String OUTPUT = """
            Running 2s test @ http://127.0.0.1:18582/v1/sign-csv
              1 threads and 2 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency   120.88us  135.72us   3.29ms   96.36%
                Req/Sec    18.33k     0.94k   19.55k    70.00%
              36434 requests in 2.00s, 17.62MB read
            Requests/sec:  18215.07
            Transfer/sec:      8.81MB
            BENCH requests=36434 duration_us=2000212 connect_errors=0 read_errors=0 write_errors=0 timeouts=0 status_errors=0 failed=0 p50_us=101 p99_us=624 cpu_s=0.4958
            """;

    @Test
    void resultLineGivesRateLatencyAndWrksOwnCpu() {
        WrkOutput out = WrkOutput.parse(OUTPUT);
        assertEquals(36434, out.requests());
        assertEquals(2.000212, out.seconds(), 1e-9);
        assertEquals(36434 / 2.000212, out.perSecond(), 1e-6);
        assertEquals(0, out.errors());
        assertEquals(0.101, out.p50Ms(), 1e-9);
        assertEquals(0.624, out.p99Ms(), 1e-9);
        assertEquals(0.4958 / 2.000212, out.cpuShare(), 1e-9);
        assertEquals("", out.firstFailure());
    }

    @Test
    void failedAnswersAndSocketErrorsAreCountedWithTheFirstFailure() {
        String out = """
                BENCH requests=45177 duration_us=2000925 connect_errors=1 read_errors=2 write_errors=3 timeouts=4 status_errors=35974 failed=35974 p50_us=82 p99_us=617 cpu_s=0.5251
                BENCH-FIRST-FAILURE 500 FAILED
                """;
        WrkOutput parsed = WrkOutput.parse(out);
        assertEquals(35974 + 10, parsed.errors());
        assertEquals("500 FAILED", parsed.firstFailure());
    }

    @Test
    void answersWithoutTheMarkerCountEvenWhenWrkSawOnly200() {
        // a verification that answers 200 with TN-Validation-Failed: wrk's status_errors stays 0, the script's failed does not
        WrkOutput parsed = WrkOutput.parse("BENCH requests=10 duration_us=1000000 connect_errors=0 read_errors=0"
                + " write_errors=0 timeouts=0 status_errors=0 failed=10 p50_us=1 p99_us=2 cpu_s=0.1\n");
        assertEquals(10, parsed.errors());
    }

    @Test
    void missingResultLineOrFieldIsRefused() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> WrkOutput.parse("unable to connect to 127.0.0.1:18582 Connection refused\n"));
        assertTrue(none.getMessage().contains("Connection refused"));
        IllegalArgumentException partial = assertThrows(IllegalArgumentException.class,
                () -> WrkOutput.parse("BENCH requests=1 duration_us=1\n"));
        assertTrue(partial.getMessage().startsWith("wrk's BENCH line has no "), partial.getMessage());
    }
}
