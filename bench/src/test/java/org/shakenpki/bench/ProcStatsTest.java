package org.shakenpki.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcStatsTest {
    @Test
    void cpuTicksSkipCommandNamesWithSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 40 0 99 0 0";
        assertEquals(1234 + 567, ProcStats.cpuTicksOf(stat));
    }

    @Test
    void rssInMebibytes() {
        assertEquals(512.0, ProcStats.rssMbOf("Name:\tjava\nVmRSS:\t  524288 kB\nThreads:\t40\n"));
    }

    @Test
    void ownProcessIsReadable() throws Exception {
        long pid = ProcessHandle.current().pid();
        assertTrue(ProcStats.cpuTicks(pid) >= 0);
        assertTrue(ProcStats.rssMb(pid) > 1);
    }
}
