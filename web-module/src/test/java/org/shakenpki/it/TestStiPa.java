package org.shakenpki.it;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.shakenpki.pkix.Pem;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * A test STI-PA: a root written to the STI-CA's trust-anchor file and a token signer served over https by
 * {@link StiPaFiles}; it signs SPC tokens (RFC 9448 section 5) as the real STI-PA does.
 */
public final class TestStiPa {
    private final KeyPair signerKey;
    private final URI x5u;
    private final X509Certificate root;

    private TestStiPa(KeyPair signerKey, URI x5u, X509Certificate root) {
        this.signerKey = signerKey;
        this.x5u = x5u;
        this.root = root;
    }

    /**
     * Makes sure the STI-CA's trust anchors file holds this root, beside what is there: a server that started since
     * {@link #create} (another IT class's) rewrote the file with its own STI-PA's root, which stays trusted too.
     */
    public void trust() throws Exception {
        Path file = Path.of(System.getProperty("it.data.dir", "target/it-data"), "sti-pa", "root.pem");
        String current = Files.exists(file) ? Files.readString(file) : "";
        String pem = Pem.encode(root);
        if (!current.contains(pem.strip())) {
            Files.writeString(file, current.isEmpty() || current.endsWith("\n") ? current + pem : current + "\n" + pem);
        }
    }

    /** A root and a signer; the root becomes a trust anchor when {@code trusted}, the signer is served at its x5u. */
    public static TestStiPa create(String name, boolean trusted, String httpsBase) throws Exception {
        KeyPair rootKey = p256();
        KeyPair signerKey = p256();
        Instant now = Instant.now();
        X500Name rootName = new X500Name("CN=Test STI-PA Root " + name + ",O=Test STI-PA,C=US");
        X509Certificate root = certificate(rootName, rootName, rootKey.getPublic(), rootKey, now, true);
        X509Certificate signer = certificate(rootName, new X500Name("CN=Test SPC Token Signer " + name + ",O=Test STI-PA,C=US"),
                signerKey.getPublic(), rootKey, now, false);
        Path dir = Path.of(System.getProperty("it.data.dir", "target/it-data"), "sti-pa");
        Files.createDirectories(dir);
        if (trusted) {
            Files.writeString(dir.resolve("root.pem"), Pem.encode(root));
        }
        Files.writeString(dir.resolve(name + ".crt"), Pem.encode(signer));
        return new TestStiPa(signerKey, URI.create(httpsBase + "/it-sti-pa/" + name + ".crt"), root);
    }

    /** An SPC token for a TNAuthList (tkvalue) and account key fingerprint. */
    public String token(String tkvalue, String fingerprint, boolean ca, Duration lifetime) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).x509CertURL(x5u).build(),
                new JWTClaimsSet.Builder().expirationTime(Date.from(Instant.now().plus(lifetime)))
                        .jwtID(UUID.randomUUID().toString())
                        .claim("atc", Map.of("tktype", "TNAuthList", "tkvalue", tkvalue, "ca", ca, "fingerprint", fingerprint))
                        .build());
        jwt.sign(new ECDSASigner((ECPrivateKey) signerKey.getPrivate()));
        return jwt.serialize();
    }

    /**
     * An SPC token in the shape of ATIS-1000080's overview: {@code sub} = [spc], {@code iat}, {@code nbf},
     * {@code exp}, {@code fingerprint} = base64url(JWK thumbprint of the account key).
     */
    public String seedToken(String spc, java.security.PublicKey accountKey, Duration lifetime) throws Exception {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new java.util.LinkedHashMap<>();
        claims.put("sub", java.util.List.of(spc));
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + lifetime.toSeconds());
        claims.put("fingerprint", com.nimbusds.jose.util.Base64URL.encode(
                org.shakenpki.pkix.Fingerprints.jwkThumbprint(accountKey)).toString());
        com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).x509CertURL(x5u).build(),
                new com.nimbusds.jose.Payload(claims));
        jws.sign(new ECDSASigner((ECPrivateKey) signerKey.getPrivate()));
        return jws.serialize();
    }

    /** A fresh P-256 key pair, for test accounts, CSRs and signers. */
    public static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(X500Name issuer, X500Name subject, java.security.PublicKey key, KeyPair issuerKey,
                                               Instant now, boolean ca) throws Exception {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), subject, key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign : KeyUsage.digitalSignature));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
    }
}
