package org.shakenpki.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.shakenpki.pkix.Pem;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The certID of RFC 9773 section 4.1: computed from a certificate, and read strictly from a client's text. */
class AriCertIdTest {
    /** RFC 9773 Appendix A, the example end-entity certificate of section 4.1. */
    private static final String RFC_9773_APPENDIX_A = """
            -----BEGIN CERTIFICATE-----
            MIIBQzCB66ADAgECAgUAh2VDITAKBggqhkjOPQQDAjAVMRMwEQYDVQQDEwpFeGFt
            cGxlIENBMCIYDzAwMDEwMTAxMDAwMDAwWhgPMDAwMTAxMDEwMDAwMDBaMBYxFDAS
            BgNVBAMTC2V4YW1wbGUuY29tMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEeBZu
            7cbpAYNXZLbbh8rNIzuOoqOOtmxA1v7cRm//AwyMwWxyHz4zfwmBhcSrf47NUAFf
            qzLQ2PPQxdTXREYEnKMjMCEwHwYDVR0jBBgwFoAUaYhba4dGQEHhs3uEe6CuLN4B
            yNQwCgYIKoZIzj0EAwIDRwAwRAIge09+S5TZAlw5tgtiVvuERV6cT4mfutXIlwTb
            +FYN/8oCIClDsqBklhB9KAelFiYt9+6FDj3z4KGVelYM5MdsO3pK
            -----END CERTIFICATE-----
            """;

    @Test
    void theRfcsOwnExampleGivesTheRfcsIdentifier() {
        X509Certificate example = Pem.certificates(RFC_9773_APPENDIX_A.getBytes(StandardCharsets.US_ASCII)).get(0);
        assertEquals("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE", AriCertId.of(example).toString());
    }

    /**
     * By hand: keyIdentifier 01 02 03 is base64url "AQID"; serial 0x87 has the high bit set, so its DER content is
     * 00 87, base64url "AIc"; serial 0x0100 is 01 00, "AQA".
     */
    @Test
    void aHandComputedIdentifierKeepsTheSerialsLeadingZeroOctet() throws Exception {
        assertEquals("AQID.AIc", AriCertId.of(certificate(new byte[] {1, 2, 3}, BigInteger.valueOf(0x87))).toString());
        assertEquals("AQID.AQA", AriCertId.of(certificate(new byte[] {1, 2, 3}, BigInteger.valueOf(0x100))).toString());
    }

    @Test
    void parsingGivesBackTheKeyIdentifierAndSerial() {
        AriCertId id = AriCertId.parse("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE");
        assertEquals(new BigInteger("8765432100", 16).shiftRight(8), id.serial());
        assertEquals("87654321", id.serialHex());
        assertArrayEquals(new byte[] {0x69, (byte) 0x88, 0x5b, 0x6b, (byte) 0x87, 0x46, 0x40, 0x41, (byte) 0xe1, (byte) 0xb3,
                0x7b, (byte) 0x84, 0x7b, (byte) 0xa0, (byte) 0xae, 0x2c, (byte) 0xde, 0x01, (byte) 0xc8, (byte) 0xd4}, id.keyIdentifier());
        assertEquals("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE", id.toString());
    }

    @Test
    void malformedIdentifiersAreRefusedWithTheirReason() {
        refused("", "at most");
        refused("aYhba4dGQEHhs3uEe6CuLN4ByNQ", "exactly one");
        refused("a.b.c", "exactly one");
        refused(".AIdlQyE", "key identifier is not unpadded base64url");
        refused("aYhba4dGQEHhs3uEe6CuLN4ByNQ=.AIdlQyE", "not unpadded base64url");
        refused("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE=", "not unpadded base64url");
        refused("aYhba4dGQEHhs3uEe6CuLN4ByNQ.AId+QyE", "not unpadded base64url");
        refused("aYhba4dGQEHhs3uEe6CuLN4ByNR.AIdlQyE", "not canonical"); // R's low bits are not zero
        refused("AQID.A", "not base64url"); // one character is no octet
        refused("AQID.AAE", "serial"); // 00 01: a leading zero before a clear high bit is not DER
        refused("AQID.gA", "serial"); // 80: negative
        refused("AQID.AA", "serial"); // 00: zero
        refused("AQID." + "A".repeat(200), "at most");
    }

    @Test
    void aCertificateWithoutAuthorityKeyIdentifierHasNoIdentifier() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> AriCertId.of(certificate(null, BigInteger.TEN)));
    }

    private static void refused(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AriCertId.parse(text), text);
        assertTrue(e.getMessage().contains(reason), text + ": " + e.getMessage());
    }

    private static X509Certificate certificate(byte[] keyIdentifier, BigInteger serial) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair key = generator.generateKeyPair();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=Issuer"), serial,
                Date.from(Instant.parse("2026-01-01T00:00:00Z")), Date.from(Instant.parse("2027-01-01T00:00:00Z")),
                new X500Name("CN=Subject"), key.getPublic());
        if (keyIdentifier != null) {
            builder.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyIdentifier));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }
}
