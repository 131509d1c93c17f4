package org.shakenpki.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcStatsTest {
    @Test
    void cpuTicksSkipCommandNamesWithSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 40 0 99 0 0";
        assertEquals(1234 + 567, ProcStats.cpuTicksOf(stat));
    }

    @Test
    void compilerThreadsAreRecognisedByName() {
        assertTrue(ProcStats.isCompilerThread("17 (C2 CompilerThre) S 1 2 3"));
        assertTrue(ProcStats.isCompilerThread("18 (C1 CompilerThre) S 1 2 3"));
        assertFalse(ProcStats.isCompilerThread("19 (http-thread-poo) S 1 2 3"));
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
        assertTrue(ProcStats.cpuTicksWithoutJit(pid) <= ProcStats.cpuTicks(pid));
    }
}
