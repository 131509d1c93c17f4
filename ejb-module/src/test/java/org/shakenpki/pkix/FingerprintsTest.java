package org.shakenpki.pkix;

import org.junit.jupiter.api.Test;

import java.security.PublicKey;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Both fingerprint forms of the synthetic account key (vectors/fingerprints.json). */
class FingerprintsTest {
    private static final String SPKI = "SHA256 77:61:CC:2F:29:57:D6:34:2B:23:C0:12:0E:F5:13:B7:60:57:3D:40:E0:AC:D5:71:D9:11:F3:28:0B:F5:4A:E7";
    private static final String JWK = "SHA256 AD:8B:6E:ED:14:87:EF:76:D6:8B:B5:2F:29:99:97:09:92:26:9F:F5:A5:B7:26:6B:62:D1:93:FF:BA:61:06:9B";
    private final PublicKey account = Vectors.accountKey();

    @Test
    void computesBothFormsAsTheVectorsSay() {
        assertEquals(SPKI, Fingerprints.format(Fingerprints.spkiSha256(account)));
        assertEquals(JWK, Fingerprints.format(Fingerprints.jwkThumbprint(account)));
    }

    @Test
    void matchesEitherFormInAnyCaseWithOrWithoutColons() {
        assertEquals(Optional.of(Fingerprints.Form.SPKI_SHA256), Fingerprints.match(SPKI, account));
        assertEquals(Optional.of(Fingerprints.Form.JWK_THUMBPRINT), Fingerprints.match(JWK, account));
        assertEquals(Optional.of(Fingerprints.Form.JWK_THUMBPRINT), Fingerprints.match(JWK.toLowerCase().replace("sha256", "SHA256"), account));
        assertEquals(Optional.of(Fingerprints.Form.SPKI_SHA256), Fingerprints.match("sha-256 " + SPKI.substring(7).replace(":", ""), account));
    }

    @Test
    void refusesOtherKeysAndMalformedText() {
        assertEquals(Optional.empty(), Fingerprints.match(SPKI, Vectors.p256().getPublic()));
        assertEquals(Optional.empty(), Fingerprints.match("SHA1 " + SPKI.substring(7), account));
        assertEquals(Optional.empty(), Fingerprints.match(SPKI.substring(0, SPKI.length() - 3), account));
        assertEquals(Optional.empty(), Fingerprints.match(SPKI.substring(7), account));
        assertEquals(Optional.empty(), Fingerprints.match(null, account));
    }
}
