package org.shakenpki.pkix;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentSigner;
import org.shakenpki.sks.Signer;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * A BouncyCastle {@link ContentSigner} whose signature is made by a {@link Signer} of the Secure Key Store:
 * {@code ecdsa-with-SHA256} (RFC 5758 section 3.2), the algorithm ATIS-1000080 section 6.4.1 prescribes.
 * One instance signs one content.
 */
public final class HsmContentSigner implements ContentSigner {
    /** ecdsa-with-SHA256 with absent parameters (RFC 5758 section 3.2). */
    public static final AlgorithmIdentifier ECDSA_WITH_SHA256 = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

    private final Signer signer;
    private final ByteArrayOutputStream content = new ByteArrayOutputStream();

    public HsmContentSigner(Signer signer) {
        this.signer = signer;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return ECDSA_WITH_SHA256;
    }

    @Override
    public OutputStream getOutputStream() {
        return content;
    }

    @Override
    public byte[] getSignature() {
        return signer.signDer(content.toByteArray());
    }
}
