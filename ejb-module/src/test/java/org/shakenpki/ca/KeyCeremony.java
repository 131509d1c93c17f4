package org.shakenpki.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.shakenpki.pkix.ShakenProfile;
import org.shakenpki.sks.Pkcs11Tool;
import org.shakenpki.sks.TokenSettings;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A key ceremony outside the application, for the import tests: P-256 keys and SHAKEN certificates made with
 * BouncyCastle in software, then put on a SoftHSM2 token with OpenSC's {@code pkcs11-tool --write-object} (private
 * key and certificate under one CKA_ID, with or without a CKA_LABEL), as an operator loads a ceremony's output.
 */
public final class KeyCeremony {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyCeremony() {
    }

    static KeyPair p256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** A SHAKEN root (ATIS-1000080 section 6.4.1). */
    static X509Certificate root(String cn, KeyPair key) throws Exception {
        X500Name name = new X500Name("C=US,O=Ceremony STI-CA,CN=" + cn);
        X509v3CertificateBuilder builder = builder(name, name, key.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key.getPublic()));
        return sign(builder, key.getPrivate());
    }

    /** An intermediate under {@code issuer}, with the SHAKEN certificate policy unless {@code withPolicy} is false. */
    static X509Certificate intermediate(String cn, PublicKey key, X509Certificate issuer, PrivateKey issuerKey, boolean withPolicy)
            throws Exception {
        X509v3CertificateBuilder builder = builder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                new X500Name("C=US,O=Ceremony STI-CA,CN=" + cn), key);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
        builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer.getPublicKey()));
        if (withPolicy) {
            builder.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(new PolicyInformation(ShakenProfile.SHAKEN_CP_1_4)));
        }
        builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(
                new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                        "https://sti-pa.example.test/download/v1/crl"))),
                null, new GeneralNames(new GeneralName(new X500Name("CN=STI-PA CRL,O=Test STI-PA,C=US"))))}));
        return sign(builder, issuerKey);
    }

    /**
     * Writes a private key and a certificate onto the token under one CKA_ID (and the label, when not null) with
     * pkcs11-tool, as a separate process.
     */
    public static void load(TokenSettings token, String idHex, String label, PrivateKey key, X509Certificate certificate) throws Exception {
        Path dir = Files.createTempDirectory("ceremony");
        Path keyFile = Files.write(dir.resolve("key.der"), key.getEncoded());
        Path certificateFile = Files.write(dir.resolve("cert.der"), certificate.getEncoded());
        tool(token, "--write-object", keyFile.toString(), "--type", "privkey", "--id", idHex, label);
        tool(token, "--write-object", certificateFile.toString(), "--type", "cert", "--id", idHex, label);
    }

    /** A random CKA_ID of 8 bytes, in hex; never printable as a whole, so SunPKCS11 names it {@code 0x<hex>}. */
    public static String randomId() {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        id[0] = 0x01;
        return java.util.HexFormat.of().formatHex(id);
    }

    private static void tool(TokenSettings token, String... arguments) throws Exception {
        List<String> command = Pkcs11Tool.loggedIn(token);
        for (int i = 0; i < arguments.length; i++) {
            if (i == arguments.length - 1) {
                if (arguments[i] != null) {
                    command.addAll(List.of("--label", arguments[i]));
                }
            } else {
                command.add(arguments[i]);
            }
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("pkcs11-tool failed: " + output);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).setBit(64),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(3650, ChronoUnit.DAYS)), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }
}
