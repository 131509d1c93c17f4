package org.shakenpki.pkix;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The synthetic test vectors (a consistent STI-PA root, token signer and SPC token, STI-CA root, intermediate
 * and end-entity certificate, an ACME account key), copied from the shared vector set into test resources.
 */
public final class Vectors {
    private Vectors() {
    }

    public static String text(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test vector " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate certificate(String name) {
        return Pem.certificates(text(name)).get(0);
    }

    public static PrivateKey privateKey(String name) {
        String base64 = text(name).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key of acme-account.key, from its JWK in vectors/fingerprints.json. */
    public static java.security.PublicKey accountKey() {
        try {
            return new com.nimbusds.jose.jwk.ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256,
                    new com.nimbusds.jose.util.Base64URL("4Okd2xHpIW4Wqn8fyZt0v_r8QFBYH8w0zJv7__jLYno"),
                    new com.nimbusds.jose.util.Base64URL("e8mZv44eEpgQxhsqtitpt-MyExn0DMahFrYa6aKq19E")).build().toECPublicKey();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
