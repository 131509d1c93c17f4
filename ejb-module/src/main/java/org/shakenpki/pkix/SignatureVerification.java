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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    private static final int MAX_PREPARED = 1024;
    private static final Map<String, ECPublicKey> PREPARED = new ConcurrentHashMap<>();

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

    /**
     * {@link #prepared}, kept per key (at most {@value #MAX_PREPARED}, then forgotten all at once): for the keys
     * that sign request after request, an ACME account's and an STI-PA token signer's, the conversion and the
     * precomputation it keeps cost more than the verification itself.
     *
     * @param identity what names the key exactly (its curve and coordinates, or its encoding)
     */
    public static ECPublicKey prepared(String identity, KeySupplier key) throws GeneralSecurityException {
        ECPublicKey known = PREPARED.get(identity);
        if (known != null) {
            return known;
        }
        ECPublicKey converted;
        try {
            converted = prepared(key.get());
        } catch (GeneralSecurityException e) {
            throw e;
        } catch (Exception e) {
            throw new GeneralSecurityException("the key cannot be read: " + e.getMessage(), e);
        }
        if (PREPARED.size() >= MAX_PREPARED) {
            PREPARED.clear();
        }
        PREPARED.put(identity, converted);
        return converted;
    }

    /** {@link #prepared(String, KeySupplier)} for a key at hand, named by its SubjectPublicKeyInfo encoding. */
    public static ECPublicKey preparedByEncoding(PublicKey key) throws GeneralSecurityException {
        return prepared(java.util.Base64.getEncoder().encodeToString(key.getEncoded()), () -> key);
    }

    /** Where the key to prepare comes from when it is not kept yet. */
    @FunctionalInterface
    public interface KeySupplier {
        PublicKey get() throws Exception;
    }

    /** A JOSE ES256/ES384/ES512 verifier (RFC 7518 section 3.4) that verifies with {@link #PROVIDER}. */
    public static ECDSAVerifier ecdsa(ECPublicKey key) throws JOSEException {
        ECDSAVerifier verifier = new ECDSAVerifier(key);
        verifier.getJCAContext().setProvider(PROVIDER);
        return verifier;
    }
}
