package org.shakenpki.it;

import com.nimbusds.jose.util.JSONStringUtils;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.shakenpki.pkix.Pem;
import org.shakenpki.pkix.TNAuthList;

import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * Certificates for the revocation attack cases: fresh SHAKEN certificates under the synthetic STI-CA
 * intermediate of the test vectors (whose root the tests put on the trust list), whole other STI-CAs, and
 * self-made look-alikes; and the STI-PA CRL read back to see whether an entry is on it.
 */
final class RevocationFixtures {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RevocationFixtures() {
    }

    /** An STI-CA hierarchy: its root for the trust list, and the intermediate that issues. */
    record Ca(X509Certificate root, X509Certificate intermediate, PrivateKey intermediateKey) {
        X509Certificate issue(String spc) throws Exception {
            return leaf(intermediate, intermediateKey, spc);
        }

        /** The SHA-256 fingerprint of the root, as the STI-PA trust list names it. */
        String fingerprint() throws Exception {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(root.getEncoded()));
        }
    }

    /** The synthetic STI-CA of the test vectors ({@code ca-root.pem}, {@code ca-intermediate.pem} and key). */
    static Ca vectorCa() throws Exception {
        String key = resource("vectors/ca-intermediate.key").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey intermediateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key)));
        return new Ca(Pem.certificates(resource("vectors/ca-root.pem")).get(0),
                Pem.certificates(resource("vectors/ca-intermediate.pem")).get(0), intermediateKey);
    }

    /** A new STI-CA of its own, with keys in memory. */
    static Ca newCa(String name) throws Exception {
        KeyPair rootKey = TestStiPa.p256();
        KeyPair intermediateKey = TestStiPa.p256();
        X500Name rootName = new X500Name("CN=" + name + " Root,O=" + name + ",C=US");
        X509Certificate root = certificate(rootName, rootKey.getPrivate(), rootName, rootKey.getPublic(), true, null, serial());
        X509Certificate intermediate = certificate(rootName, rootKey.getPrivate(),
                new X500Name("CN=" + name + " Intermediate,O=" + name + ",C=US"), intermediateKey.getPublic(), true, null, serial());
        return new Ca(root, intermediate, intermediateKey.getPrivate());
    }

    static X509Certificate leaf(X509Certificate issuer, PrivateKey issuerKey, String spc) throws Exception {
        return certificate(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuerKey,
                new X500Name("CN=SHAKEN " + spc + ",O=Test Telecom,C=US"), TestStiPa.p256().getPublic(), false, spc, serial());
    }

    /** A certificate anyone can make: self-signed, naming {@code issuer} and carrying {@code serial} and {@code spc}. */
    static X509Certificate selfMade(X500Principal issuer, BigInteger serial, String spc) throws Exception {
        KeyPair key = TestStiPa.p256();
        X500Name name = X500Name.getInstance(issuer.getEncoded());
        return certificate(name, key.getPrivate(), name, key.getPublic(), false, spc, serial);
    }

    static String pem(X509Certificate... certificates) {
        return Pem.encode(List.of(certificates));
    }

    static String byCertificate(String pem) {
        return "{\"certificate\":" + JSONStringUtils.toJSONString(pem) + ",\"reason\":\"keyCompromise\"}";
    }

    static String byIssuerAndSerial(X509Certificate certificate) {
        return "{\"issuer\":" + JSONStringUtils.toJSONString(certificate.getIssuerX500Principal().getName())
                + ",\"serialNumber\":\"" + certificate.getSerialNumber().toString(16) + "\",\"reason\":\"keyCompromise\"}";
    }

    static HttpRequest.Builder revocation(URI base, String authorization, String json) {
        return HttpRequest.newBuilder(base.resolve("api/v1/revocations")).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    static X509CRL crl(URI base) throws Exception {
        var response = Http.sendBytes(HttpRequest.newBuilder(base.resolve("download/v1/crl")).GET());
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(response.body()));
    }

    /** Whether the indirect CRL has an entry for this certificate's issuer and serial (RFC 5280 section 5.3.3). */
    static boolean lists(X509CRL crl, X509Certificate certificate) {
        if (crl.getRevokedCertificates() == null) {
            return false;
        }
        for (X509CRLEntry entry : crl.getRevokedCertificates()) {
            if (entry.getSerialNumber().equals(certificate.getSerialNumber())
                    && certificate.getIssuerX500Principal().equals(entry.getCertificateIssuer())) {
                return true;
            }
        }
        return false;
    }

    static BigInteger crlNumber(X509CRL crl) throws Exception {
        byte[] extension = crl.getExtensionValue(Extension.cRLNumber.getId());
        return ASN1Integer.getInstance(org.bouncycastle.asn1.ASN1OctetString.getInstance(extension).getOctets()).getValue();
    }

    private static X509Certificate certificate(X500Name issuer, PrivateKey signer, X500Name subject, PublicKey key, boolean ca,
                                               String spc, BigInteger serial) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial,
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), subject, key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature));
        if (spc != null) {
            builder.addExtension(TNAuthList.OID, false, TNAuthList.ofSpc(spc).der());
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }

    private static BigInteger serial() {
        return new BigInteger(120, RANDOM).setBit(118);
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = RevocationFixtures.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
