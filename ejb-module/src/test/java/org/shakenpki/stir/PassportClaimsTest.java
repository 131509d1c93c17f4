package org.shakenpki.stir;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The claim checks, with iat as a signer could write it, parsed as the verifier parses it (Nimbus). */
class PassportClaimsTest {

    private static PassportClaims claims(String iatJson) throws Exception {
        return PassportClaims.of(JSONObjectUtils.parse("{\"attest\":\"A\",\"dest\":{\"tn\":[\"12155550131\"]},\"iat\":" + iatJson
                + ",\"orig\":{\"tn\":\"12155550121\"},\"origid\":\"123e4567-e89b-12d3-a456-426655440000\"}"));
    }

    @Test
    void aNumericDateIsReadAsNumberOrDigitString() throws Exception {
        assertEquals(1735693200L, claims("1735693200").iat());
        assertEquals(1735693200L, claims("\"1735693200\"").iat());
        assertEquals(1735693200L, claims("1735693200.0").iat());
        assertEquals(0L, claims("0").iat());
        assertEquals(NumericDates.LATEST, claims(String.valueOf(NumericDates.LATEST)).iat());
    }

    @Test
    void wholeNumbersNoCallCanBeFreshAgainstAreStaleDates() {
        for (String iat : new String[] {"100000000000000000", "1e17", "1E300", "-1", "-100000000000000000",
                String.valueOf(NumericDates.LATEST + 1), "\"999999999999\"", "123456789012345678901234567890"}) {
            Rejected rejected = assertThrows(Rejected.class, () -> claims(iat), iat);
            assertEquals(Failure.STALE_DATE, rejected.failure(), iat);
            assertTrue(rejected.getMessage().contains("iat"), rejected.getMessage());
        }
    }

    @Test
    void whatIsNoNumericDateIsAnInvalidIdentityHeader() {
        for (String iat : new String[] {"1.5", "-0.5", "1e-3", "\"abc\"", "\"1e17\"", "\"-1\"", "\"1234567890123\"", "true", "null",
                "{}", "[1735693200]"}) {
            Rejected rejected = assertThrows(Rejected.class, () -> claims(iat), iat);
            assertEquals(Failure.INVALID_IDENTITY_HEADER, rejected.failure(), iat);
            assertTrue(rejected.getMessage().contains("iat"), rejected.getMessage());
        }
        assertEquals(Failure.INVALID_IDENTITY_HEADER, assertThrows(Rejected.class, () -> PassportClaims.of(null)).failure());
        assertEquals(Failure.INVALID_IDENTITY_HEADER, assertThrows(Rejected.class,
                () -> PassportClaims.of(Map.of("attest", "A", "origid", "x", "iat", Double.NaN))).failure());
        assertEquals(Failure.INVALID_IDENTITY_HEADER, assertThrows(Rejected.class,
                () -> PassportClaims.of(Map.of("attest", "A", "origid", "x", "iat", Double.POSITIVE_INFINITY))).failure());
    }
}
