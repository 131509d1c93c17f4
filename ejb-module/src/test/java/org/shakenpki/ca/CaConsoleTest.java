package org.shakenpki.ca;

import org.junit.jupiter.api.Test;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The STI-CA console's serial search: written as operators copy it, found as the STI-CA stores it. */
class CaConsoleTest {

    @Test
    void aSerialIsFoundWhicheverWayItIsWritten() {
        assertEquals("1a2b", CaConsole.serial("1A2B"));
        assertEquals("1a2b", CaConsole.serial("00:1a:2b"));
        assertEquals("1a2b", CaConsole.serial(" 0x001A2B "));
        assertNull(CaConsole.serial(" "));
    }

    @Test
    void whatIsNoSerialIsRefusedNotSearched() {
        for (String bad : new String[] {"12g4", "' or 1=1 --", "%", "1".repeat(81)}) {
            ProblemException refused = assertThrows(ProblemException.class, () -> CaConsole.serial(bad), bad);
            assertEquals(ProblemType.MALFORMED, refused.type());
        }
    }
}
