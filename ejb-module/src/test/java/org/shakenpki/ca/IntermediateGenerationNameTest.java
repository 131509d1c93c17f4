package org.shakenpki.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.cert.X509Certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The name of a rolled-over intermediate ({@link CaHierarchy#generationName}): the replaced one's subject with the
 * generation on its CN, so the two intermediates' (issuer, serial) pairs on the STI-PA CRL never meet.
 */
class IntermediateGenerationNameTest {

    @Test
    void theCnCarriesTheGenerationAndTheOtherAttributesStay() throws Exception {
        KeyPair root = KeyCeremony.p256();
        X509Certificate rootCertificate = KeyCeremony.root("SHAKEN ROOT Ceremony", root);
        X509Certificate first = KeyCeremony.intermediate("SHAKEN Intermediate Ceremony", KeyCeremony.p256().getPublic(),
                rootCertificate, root.getPrivate(), true);
        X500Name second = CaHierarchy.generationName(first, 2);
        assertEquals(new X500Name("C=US,O=Ceremony STI-CA,CN=SHAKEN Intermediate Ceremony G2"), second);
        X509Certificate rolled = KeyCeremony.intermediate("SHAKEN Intermediate Ceremony G2", KeyCeremony.p256().getPublic(),
                rootCertificate, root.getPrivate(), true);
        assertEquals(new X500Name("C=US,O=Ceremony STI-CA,CN=SHAKEN Intermediate Ceremony G3"), CaHierarchy.generationName(rolled, 3));
    }
}
