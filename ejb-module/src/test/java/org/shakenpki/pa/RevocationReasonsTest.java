package org.shakenpki.pa;

import org.junit.jupiter.api.Test;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RevocationReasonsTest {

    @Test
    void mapsRfc5280NamesAndCodes() {
        assertEquals(0, RevocationReasons.code(null));
        assertEquals(1, RevocationReasons.code("keyCompromise"));
        assertEquals(1, RevocationReasons.code("KEYCOMPROMISE"));
        assertEquals(4, RevocationReasons.code("4"));
        assertEquals(9, RevocationReasons.code("privilegeWithdrawn"));
    }

    @Test
    void refusesHoldAndUnknownReasons() {
        for (String reason : new String[] {"certificateHold", "6", "removeFromCRL", "8", "because"}) {
            assertEquals(ProblemType.BAD_REVOCATION_REASON,
                    assertThrows(ProblemException.class, () -> RevocationReasons.code(reason)).type());
        }
    }
}
