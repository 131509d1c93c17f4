package org.shakenpki.pkix;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;

/**
 * The JCA provider the application verifies ECDSA signatures with (PASSporTs, ACME JWS, SPC tokens, CSRs):
 * BouncyCastle's rather than the JDK's SunEC. Verification handles no secret, so SunEC's constant-time
 * arithmetic buys nothing there, and on JDK 17 it verified P-256 signatures several times more slowly: on the
 * 2-core bench machine, one thread, SunEC 720/s, BouncyCastle 4,100/s with the key converted per call and
 * 11,000/s with a key kept in BouncyCastle's form ({@link #prepared}), with which it keeps its precomputed
 * multiples of the key's point. BouncyCastle checks that a public key's point lies on its curve and that r and
 * s lie in [1, n-1] (FIPS 186-4 section 6.4). Signing stays on the HSM.
 *
 * <p>The provider is not registered with {@link java.security.Security}: only the code that names it uses it.
 */
public final class SignatureVerification {
    /** BouncyCastle's provider, for verification only. */
    public static final Provider PROVIDER = new BouncyCastleProvider();

    private SignatureVerification() {
    }

    /**
     * The same EC public key in BouncyCastle's form, to keep with a certificate that verifies many signatures.
     *
     * @throws GeneralSecurityException if the key is not an EC key on a curve BouncyCastle knows
     */
    public static ECPublicKey prepared(PublicKey key) throws GeneralSecurityException {
        PublicKey converted = KeyFactory.getInstance("EC", PROVIDER).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        if (!(converted instanceof ECPublicKey ec)) {
            throw new GeneralSecurityException("not an EC public key");
        }
        return ec;
    }

    /** A JOSE ES256/ES384/ES512 verifier (RFC 7518 section 3.4) that verifies with {@link #PROVIDER}. */
    public static ECDSAVerifier ecdsa(ECPublicKey key) throws JOSEException {
        ECDSAVerifier verifier = new ECDSAVerifier(key);
        verifier.getJCAContext().setProvider(PROVIDER);
        return verifier;
    }
}
