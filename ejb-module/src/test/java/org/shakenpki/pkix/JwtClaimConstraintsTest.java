package org.shakenpki.pkix;

import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JWTClaimConstraints (RFC 8226 section 8) and EnhancedJWTClaimConstraints (RFC 9118 section 3) codec, on the
 * RFC 9118 Figure 1 certificate, the pyasn1-modules RFC 8226 test value, hand-built DER and malformed encodings.
 */
class JwtClaimConstraintsTest {
    /** RFC 9118 section 5, Figure 1: the eJWTClaimConstraints extnValue (vectors/rfc9118_fig1_example.pem). */
    private static final String FIGURE_1 = "3040A00E300C160A636F6E666964656E6365A120301E301C160A636F6E666964656E6365300E"
            + "0C04686967680C066D656469756DA20C300A16087072696F72697479";
    /** etingof/pyasn1-modules tests/test_rfc8226.py, JWTClaimConstraintsTestCase. */
    private static final String PYASN1_8226 = "MD2gBzAFFgNmb2+hMjAwMBkWA2ZvbzASDARmb28xDARmb28yDARmb28zMBMWA2JhcjAMDARiYXIxDARiYXIy";

    @Test
    void theRfc9118FigureOneCertificateDecodes() {
        JwtClaimConstraints constraints = JwtClaimConstraints.of(Vectors.certificate("rfc9118_fig1_example.pem")).orElseThrow();
        assertTrue(constraints.enhanced());
        assertEquals(List.of("confidence"), constraints.mustInclude());
        assertEquals(Map.of("confidence", List.of("high", "medium")), constraints.permittedValues());
        assertEquals(List.of("priority"), constraints.mustExclude());
        assertArrayEquals(Hex.decode(FIGURE_1), constraints.der(), "re-encodes to the RFC's bytes");
    }

    @Test
    void thePyasn1Rfc8226ValueDecodesAndReencodes() {
        byte[] der = Base64.getDecoder().decode(PYASN1_8226);
        JwtClaimConstraints constraints = JwtClaimConstraints.decode(der, false);
        assertFalse(constraints.enhanced());
        assertEquals(List.of("foo"), constraints.mustInclude());
        assertEquals(List.of("foo1", "foo2", "foo3"), constraints.permittedValues().get("foo"));
        assertEquals(List.of("bar1", "bar2"), constraints.permittedValues().get("bar"));
        assertArrayEquals(der, constraints.der());
    }

    @Test
    void handBuiltDerRoundTrips() {
        Map<String, List<String>> permitted = new LinkedHashMap<>();
        permitted.put("rcd", List.of("{\"nam\":\"Example Bank\"}"));
        JwtClaimConstraints built = new JwtClaimConstraints(true, List.of("rcd", "rcdi"), permitted, List.of("crn"));
        // SEQUENCE { [0] { SEQUENCE { "rcd", "rcdi" } }, [1] ..., [2] { SEQUENCE { "crn" } } }
        String hex = Hex.toHexString(built.der());
        assertTrue(hex.startsWith("30"), hex);
        assertTrue(hex.contains("a00d300b1603726364160472636469"), hex);
        assertTrue(hex.endsWith("a2073005160363726e"), hex);
        assertEquals(built, JwtClaimConstraints.decode(built.der(), true));
        assertEquals(JwtClaimConstraints.ENHANCED_OID, built.oid());
    }

    @Test
    void mustExcludeIsRefusedInTheRfc8226Extension() {
        byte[] enhanced = Hex.decode(FIGURE_1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JwtClaimConstraints.decode(enhanced, false));
        assertTrue(e.getMessage().contains("[2]"), e.getMessage());
    }

    @Test
    void malformedEncodingsAreRefused() {
        for (String hex : new String[] {
            "3000",                                   // no component at all
            "3004a0023000",                           // empty mustInclude
            "3007a1053003160161",                     // permittedValues entry without values
            "300ba2053003160161a0023000",             // [2] before [0]
            "30058003666f6f",                         // implicit tag instead of explicit
            "3080a0053003160161" + "0000",            // indefinite length (BER, not DER)
            "3007a0053003160161ff",                   // trailing byte
            "3007a00530030c0161",                     // UTF8String where an IA5String claim name belongs
            "04020000",                               // not a SEQUENCE
        }) {
            assertThrows(IllegalArgumentException.class, () -> JwtClaimConstraints.decode(Hex.decode(hex), true), hex);
        }
    }

    @Test
    void aClaimNamedTwiceInPermittedValuesIsRefused() {
        // [1] { SEQUENCE { SEQUENCE { "a", { "x" } }, SEQUENCE { "a", { "y" } } } }
        String entry = "3008160161" + "3003" + "0c0178";
        String entry2 = "3008160161" + "3003" + "0c0179";
        String list = "3014" + entry + entry2;
        String hex = "3018a116" + list;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JwtClaimConstraints.decode(Hex.decode(hex), true));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void aBaselineClaimInMustExcludeIsFlagged() {
        JwtClaimConstraints constraints = new JwtClaimConstraints(true, List.of(), Map.of(), List.of("orig"));
        assertTrue(constraints.excludesBaseline());
    }
}
