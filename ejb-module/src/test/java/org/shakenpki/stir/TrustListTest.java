package org.shakenpki.stir;

import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.Vectors;

import java.security.cert.TrustAnchor;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The STI-PA caList JWT: accepted only when signed by a certificate under the STI-PA root, and before exp. */
class TrustListTest {
    private static final Instant NOW = Instant.parse("2025-01-03T00:00:00Z");
    private static final String JWT = Vectors.text("trust-list.jwt").strip();

    private static List<java.security.cert.X509Certificate> signerChain(java.net.URI x5u) {
        return List.of(Vectors.certificate("stipa-signer.pem"), Vectors.certificate("stipa-root.pem"));
    }

    @Test
    void theVectorListNamesTheSyntheticStiCaRoot() {
        TrustList list = TrustList.verify(JWT, TrustListTest::signerChain, StirVectors.stiPaAnchors(), NOW);
        assertEquals(0, list.sequence());
        assertEquals(Instant.ofEpochSecond(1736294400L), list.expires());
        assertTrue(list.anchors().stream().anyMatch(a -> a.getTrustedCert().equals(Vectors.certificate("ca-root.pem"))));
    }

    @Test
    void aSignerOutsideTheStiPaIsRefused() {
        Set<TrustAnchor> otherRoot = Set.of(new TrustAnchor(Vectors.certificate("ca-root.pem"), null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustList.verify(JWT, TrustListTest::signerChain, otherRoot, NOW));
        assertTrue(e.getMessage().contains("STI-PA trust anchor"), e.getMessage());
    }

    @Test
    void aTamperedListIsRefused() {
        String[] parts = JWT.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"sequence\":0", "\"sequence\":9");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustList.verify(tampered, TrustListTest::signerChain, StirVectors.stiPaAnchors(), NOW));
        assertTrue(e.getMessage().contains("signature"), e.getMessage());
    }

    @Test
    void anExpiredListIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustList.verify(JWT, TrustListTest::signerChain, StirVectors.stiPaAnchors(), Instant.parse("2025-01-08T00:00:01Z")));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }
}
