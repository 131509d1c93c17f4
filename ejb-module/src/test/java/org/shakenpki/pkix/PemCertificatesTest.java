package org.shakenpki.pkix;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What a certificate URL may serve: PEM CERTIFICATE blocks, nothing a lenient parser would also take. */
class PemCertificatesTest {
    private static final String CHAIN = Vectors.text("leaf-1234-chain.pem");
    private static final X509Certificate LEAF = Vectors.certificate("leaf-1234.pem");

    @Test
    void aPemChainIsReadInOrder() {
        List<X509Certificate> chain = PemCertificates.strict(ascii(CHAIN));
        assertEquals(2, chain.size());
        assertEquals(LEAF, chain.get(0));
    }

    @Test
    void explanatoryTextAndCrlfLineBreaksAreAllowed() {
        String withText = "subject=CN=SHAKEN 1234\r\n" + CHAIN.replace("\n", "\r\n") + "\r\n";
        assertEquals(2, PemCertificates.strict(ascii(withText)).size());
    }

    @Test
    void derIsRefused() throws Exception {
        assertEquals("not PEM text: the body holds binary data",
                assertThrows(IllegalArgumentException.class, () -> PemCertificates.strict(LEAF.getEncoded())).getMessage());
    }

    @Test
    void pkcs7IsRefusedAsDerAndAsPem() throws Exception {
        byte[] pkcs7 = CertificateFactory.getInstance("X.509").generateCertPath(List.of(LEAF)).getEncoded("PKCS7");
        assertThrows(IllegalArgumentException.class, () -> PemCertificates.strict(pkcs7));
        String pem = "-----BEGIN PKCS7-----\n" + Base64.getMimeEncoder().encodeToString(pkcs7) + "\n-----END PKCS7-----\n";
        assertEquals("not PEM certificates: a boundary other than CERTIFICATE",
                assertThrows(IllegalArgumentException.class, () -> PemCertificates.strict(ascii(pem))).getMessage());
        String disguised = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(pkcs7) + "\n-----END CERTIFICATE-----\n";
        assertEquals("not PEM certificates: a block is not an X.509 certificate",
                assertThrows(IllegalArgumentException.class, () -> PemCertificates.strict(ascii(disguised))).getMessage());
    }

    @Test
    void otherLabelsHeadersAndBrokenBlocksAreRefused() throws Exception {
        String body = Base64.getMimeEncoder().encodeToString(LEAF.getEncoded());
        for (String bad : List.of(
                "-----BEGIN TRUSTED CERTIFICATE-----\n" + body + "\n-----END TRUSTED CERTIFICATE-----\n",
                "-----BEGIN X509 CERTIFICATE-----\n" + body + "\n-----END X509 CERTIFICATE-----\n",
                "-----BEGIN CERTIFICATE-----\nProc-Type: 4,ENCRYPTED\n\n" + body + "\n-----END CERTIFICATE-----\n",
                "-----BEGIN CERTIFICATE-----\n" + body + "\n",
                "-----BEGIN CERTIFICATE-----\n" + body + "!\n-----END CERTIFICATE-----\n",
                CHAIN + "-----BEGIN PRIVATE KEY-----\nMII=\n-----END PRIVATE KEY-----\n",
                "no certificate here",
                "")) {
            assertThrows(IllegalArgumentException.class, () -> PemCertificates.strict(ascii(bad)), bad);
        }
    }

    @Test
    void trailingBytesAfterTheCertificateInABlockAreRefused() throws Exception {
        byte[] der = LEAF.getEncoded();
        byte[] longer = java.util.Arrays.copyOf(der, der.length + 2);
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(longer) + "\n-----END CERTIFICATE-----\n";
        assertThrows(IllegalArgumentException.class, () -> PemCertificates.strict(ascii(pem)));
    }

    @Test
    void moreThanTenCertificatesAreRefused() {
        String leaf = Pem.encode(LEAF);
        assertEquals(10, PemCertificates.strict(ascii(leaf.repeat(10))).size());
        assertThrows(IllegalArgumentException.class, () -> PemCertificates.strict(ascii(leaf.repeat(11))));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
