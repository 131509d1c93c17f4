package org.shakenpki.sks;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * The self-signed certificate that anchors a key pair in a PKCS#11 {@code KeyStore}.
 *
 * <p>SunPKCS11 turns a generated (session) key into a token object only through
 * {@code KeyStore.setKeyEntry}, which needs a certificate chain; this certificate is that chain and nothing
 * else. Its only purpose is to carry the public key: no relying party ever sees it. Each key gets its own
 * one-element chain, so deleting one entry never removes a certificate another entry refers to.
 */
final class PlaceholderCertificate {
    private PlaceholderCertificate() {
    }

    static X509Certificate create(String alias, KeyPair pair, Provider tokenProvider) {
        try {
            X500Name name = new X500Name("CN=shaken-pki key placeholder");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now),
                    Date.from(now.plus(36500, ChronoUnit.DAYS)), name, pair.getPublic());
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").setProvider(tokenProvider).build(pair.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot create the placeholder certificate of key " + alias, e);
        }
    }
}
