package org.shakenpki.pa;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpcTokenRulesTest {
    private static final String FINGERPRINT =
            "SHA256 56:3E:CF:AE:83:CA:4D:15:B0:29:FF:1B:71:D3:BA:B9:19:81:F8:50:9B:DF:4A:D4:39:72:E2:B1:F0:B9:38:E3";

    private static Map<String, Object> atc(Object tktype, Object tkvalue, Object ca, Object fingerprint) {
        Map<String, Object> atc = new LinkedHashMap<>();
        atc.put("tktype", tktype);
        atc.put("tkvalue", tkvalue);
        if (ca != null) {
            atc.put("ca", ca);
        }
        atc.put("fingerprint", fingerprint);
        return atc;
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAigBhYEMjgxSw==", "MAigBhYEMjgxSw", "MAigBhYEMjgxSw=" })
    void acceptsTheIconectivAndRfcEncodingsOfTkvalue(String tkvalue) {
        assertEquals(List.of("281K"), SpcTokenRules.check(atc("TNAuthList", tkvalue, false, FINGERPRINT)).spcs());
    }

    @Test
    void acceptsTheRfc9447SpellingOfTktypeAndLowercaseHex() {
        SpcTokenRules.check(atc("TnAuthList", "MAigBhYEMTIzNA", null, FINGERPRINT.toLowerCase().replace("sha256", "SHA256")));
    }

    @Test
    void caIsOptionalAndOnlyTrueAsksForIt() {
        assertFalse(SpcTokenRules.wantsCa(atc("TNAuthList", "MAigBhYEMTIzNA", null, FINGERPRINT)));
        assertFalse(SpcTokenRules.wantsCa(atc("TNAuthList", "MAigBhYEMTIzNA", false, FINGERPRINT)));
        assertTrue(SpcTokenRules.wantsCa(atc("TNAuthList", "MAigBhYEMTIzNA", true, FINGERPRINT)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SHA256 56:3E",
        "SHA1 56:3E:CF:AE:83:CA:4D:15:B0:29:FF:1B:71:D3:BA:B9:19:81:F8:50:9B:DF:4A:D4:39:72:E2:B1:F0:B9:38:E3",
        "SHA256 563ECFAE83CA4D15B029FF1B71D3BAB91981F8509BDF4AD43972E2B1F0B938E3",
        "SHA256  56:3E:CF:AE:83:CA:4D:15:B0:29:FF:1B:71:D3:BA:B9:19:81:F8:50:9B:DF:4A:D4:39:72:E2:B1:F0:B9:38:E3",
        "SHA256 56:3E:CF:AE:83:CA:4D:15:B0:29:FF:1B:71:D3:BA:B9:19:81:F8:50:9B:DF:4A:D4:39:72:E2:B1:F0:B9:38:E3:00",
        "SHA256 ZZ:3E:CF:AE:83:CA:4D:15:B0:29:FF:1B:71:D3:BA:B9:19:81:F8:50:9B:DF:4A:D4:39:72:E2:B1:F0:B9:38:E3"})
    void refusesMalformedFingerprints(String fingerprint) {
        assertMalformed(atc("TNAuthList", "MAigBhYEMTIzNA", false, fingerprint));
    }

    @Test
    void refusesWrongTypesUnknownMembersAndBadValues() {
        assertMalformed(atc("TNAuthList", "MAigBhYEMTIzNA", "false", FINGERPRINT));
        assertMalformed(atc("JWTClaimConstraints", "MAigBhYEMTIzNA", false, FINGERPRINT));
        assertMalformed(atc("TNAuthList", "not base64 at all!", false, FINGERPRINT));
        assertMalformed(atc("TNAuthList", 42, false, FINGERPRINT));
        assertMalformed(atc(null, "MAigBhYEMTIzNA", false, FINGERPRINT));
        Map<String, Object> extra = atc("TNAuthList", "MAigBhYEMTIzNA", false, FINGERPRINT);
        extra.put("spc", "1234");
        assertMalformed(extra);
    }

    private static void assertMalformed(Map<String, Object> atc) {
        ProblemException problem = assertThrows(ProblemException.class, () -> SpcTokenRules.check(atc));
        assertEquals(ProblemType.MALFORMED, problem.type());
        assertEquals(400, problem.type().status());
    }
}
