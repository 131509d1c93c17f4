package org.shakenpki.pa;

import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.problem.ProblemException;

import javax.security.auth.x500.X500Principal;
import java.security.cert.X509Certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * An administrator names a certificate to revoke by its issuer's DN as RFC 4514 writes it (most specific RDN
 * first, as {@code X500Principal.getName()} and openssl -nameopt RFC2253 print it): the CRL entry must carry the
 * certificate's own issuer name, or no relying party matches it (RFC 5280 section 5.3.3, certificateIssuer).
 */
class RevocationIssuerTest {

    @Test
    void anIssuerWrittenAsRfc4514IsTheCertificatesIssuer() {
        X509Certificate leaf = new TestHierarchy("STI-CA DN").leaf(TNAuthList.ofSpc("1234"));
        X500Principal issuer = leaf.getIssuerX500Principal();
        X500Principal parsed = RevocationService.parseIssuer(issuer.getName());
        assertEquals(issuer, parsed);
        assertEquals(issuer.getName(X500Principal.CANONICAL), parsed.getName(X500Principal.CANONICAL));
    }

    @Test
    void aNameThatIsNoDistinguishedNameIsMalformed() {
        assertThrows(ProblemException.class, () -> RevocationService.parseIssuer("not a name"));
        assertThrows(ProblemException.class, () -> RevocationService.parseIssuer(" "));
    }
}
