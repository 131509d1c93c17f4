package org.shakenpki.sks;

import java.security.PublicKey;

/**
 * Signs with one private key that stays on its token: ECDSA P-256 with SHA-256.
 *
 * <p>The two encodings serve the two consumers: X.509 and CRLs take the DER {@code ECDSA-Sig-Value}
 * (RFC 5480 section 2.2 / RFC 3279), JOSE takes the fixed-length R||S of RFC 7518 section 3.4. Thread-safe.
 */
public interface Signer {

    /** The {@code role:alias} of the key, for logs and audit records. */
    String keyId();

    /** The public key matching the signing key. */
    PublicKey publicKey();

    /** SHA256withECDSA, DER-encoded signature. */
    byte[] signDer(byte[] data);

    /** SHA256withECDSA as the 64-byte R||S concatenation used by ES256 (RFC 7518 section 3.4). */
    byte[] signRaw(byte[] data);
}
