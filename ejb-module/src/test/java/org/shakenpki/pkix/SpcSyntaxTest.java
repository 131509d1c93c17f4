package org.shakenpki.pkix;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SPC syntax the STI-PA registers and the STI-CA orders accept (ATIS-1000080 section 6.4.1). */
class SpcSyntaxTest {

    @Test
    void ocnsAndOtherCodesOfDigitsAndUppercaseLettersAreSpcs() {
        for (String spc : new String[] {"1234", "709J", "281K", "0", "A".repeat(32)}) {
            assertTrue(SpcSyntax.isValid(spc), spc);
        }
    }

    @Test
    void spacesPunctuationControlsAndLowercaseAreNot() {
        for (String spc : new String[] {"12 4;", "1234\r\n", "1234\n", "12ab", "1234-", "\u0001", "", " 1234", "A".repeat(33),
                "１２３４", "12\u00004"}) {
            assertFalse(SpcSyntax.isValid(spc), spc);
        }
        assertFalse(SpcSyntax.isValid(null));
    }
}
