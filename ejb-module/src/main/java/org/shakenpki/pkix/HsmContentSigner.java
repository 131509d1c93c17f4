package org.shakenpki.pkix;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.shakenpki.sks.Signer;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * A BouncyCastle {@link ContentSigner} whose signature is made by an SKS {@link Signer}, so certificates and
 * CRLs are signed on the HSM with {@code ecdsa-with-SHA256} (RFC 5758 section 3.2), the only signature
 * algorithm of the SHAKEN profile (ATIS-1000080 section 6.4.1). Single use, like every ContentSigner.
 */
public final class HsmContentSigner implements ContentSigner {
    private static final AlgorithmIdentifier ECDSA_SHA256 =
            new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");

    private final Signer signer;
    private final ByteArrayOutputStream content = new ByteArrayOutputStream();

    public HsmContentSigner(Signer signer) {
        this.signer = signer;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return ECDSA_SHA256;
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
