package org.shakenpki.pa;

import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The STI-PA's seed token profile: what a request may ask for and the claims it gets (ATIS-1000080's overview). */
class SpcTokenSeedProfileTest {
    private static final String HEX = "563ECFAE83CA4D15B029FF1B71D3BAB91981F8509BDF4AD43972E2B1F0B938E3";
    private static final String FINGERPRINT = "SHA256 " + HEX.replaceAll("(..)(?!$)", "$1:");
    private static final Instant NOW = Instant.parse("2025-01-15T00:00:00Z");

    private static Map<String, Object> atc(TNAuthList list, Boolean ca) {
        Map<String, Object> atc = new LinkedHashMap<>();
        atc.put("tktype", "TNAuthList");
        atc.put("tkvalue", list.toBase64Url());
        if (ca != null) {
            atc.put("ca", ca);
        }
        atc.put("fingerprint", FINGERPRINT);
        return atc;
    }

    private static ProblemType seedRefusal(Map<String, Object> atc) {
        TNAuthList list = SpcTokenRules.check(atc);
        return assertThrows(ProblemException.class, () -> SpcTokenRules.checkSeed(list, atc)).type();
    }

    @Test
    void aRequestForOneSpcIsWhatTheSeedShapeCarries() {
        Map<String, Object> atc = atc(TNAuthList.ofSpc("281K"), false);
        assertEquals("281K", SpcTokenRules.checkSeed(SpcTokenRules.check(atc), atc));
    }

    @Test
    void severalSpcsOrTelephoneNumbersCannotBeCarried() {
        TNAuthList two = TNAuthList.of(List.of(new TNAuthList.Spc("281K"), new TNAuthList.Spc("282K")));
        assertEquals(ProblemType.MALFORMED, seedRefusal(atc(two, null)));
        TNAuthList withTn = TNAuthList.of(List.of(new TNAuthList.Spc("281K"), new TNAuthList.One("17035551212")));
        assertEquals(ProblemType.MALFORMED, seedRefusal(atc(withTn, null)));
    }

    @Test
    void aDelegateCaCannotBeAskedForInTheSeedShape() {
        assertEquals(ProblemType.MALFORMED, seedRefusal(atc(TNAuthList.ofSpc("281K"), true)));
    }

    @Test
    void theSeedClaimsAreSubIatNbfExpFingerprintAndJti() {
        Map<String, Object> claims = SpcTokenClaims.seed(Optional.empty(), "j-1", NOW, Duration.ofHours(24), "281K", FINGERPRINT);
        assertEquals(List.of("sub", "iat", "nbf", "exp", "jti", "fingerprint"), List.copyOf(claims.keySet()));
        assertEquals(List.of("281K"), claims.get("sub"));
        assertEquals(NOW.getEpochSecond(), claims.get("iat"));
        assertEquals(NOW.getEpochSecond(), claims.get("nbf"));
        assertEquals(NOW.plus(Duration.ofHours(24)).getEpochSecond(), claims.get("exp"));
        // base64url(JWK thumbprint), unpadded: the digest the request named, re-encoded
        assertEquals(Base64URL.encode(HexFormat.of().parseHex(HEX)).toString(), claims.get("fingerprint"));
        assertEquals("Vj7ProPKTRWwKf8bcdO6uRmB-FCb30rUOXLisfC5OOM", claims.get("fingerprint"));
        assertTrue(!claims.containsKey("atc") && !claims.containsKey("ca"));
    }

    @Test
    void theIssuerIsNamedWhenConfigured() {
        assertEquals("https://sti-pa.example.net", SpcTokenClaims.seed(Optional.of("https://sti-pa.example.net"), "j", NOW,
                Duration.ofHours(1), "281K", FINGERPRINT).get("iss"));
    }

    @Test
    void theAtcProfileIsUnchanged() {
        Map<String, Object> atc = atc(TNAuthList.ofSpc("281K"), false);
        Map<String, Object> claims = SpcTokenClaims.atc(Optional.empty(), "j-1", NOW, Duration.ofHours(24), atc);
        assertEquals(List.of("exp", "jti", "atc"), List.copyOf(claims.keySet()));
        assertEquals(atc, claims.get("atc"));
    }
}
