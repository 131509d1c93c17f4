package org.shakenpki.pkix;

import org.shakenpki.sks.Signer;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link Signer} over an in-memory key for unit tests, counting its signatures. */
public final class SoftwareSigner implements Signer {
    private final KeyPair key;
    private final AtomicInteger signatures = new AtomicInteger();

    public SoftwareSigner(KeyPair key) {
        this.key = key;
    }

    public int signatures() {
        return signatures.get();
    }

    @Override
    public String keyId() {
        return "software";
    }

    @Override
    public PublicKey publicKey() {
        return key.getPublic();
    }

    @Override
    public byte[] signDer(byte[] data) {
        return sign("SHA256withECDSA", data);
    }

    @Override
    public byte[] signRaw(byte[] data) {
        return sign("SHA256withECDSAinP1363Format", data);
    }

    private byte[] sign(String algorithm, byte[] data) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key.getPrivate());
            signature.update(data);
            signatures.incrementAndGet();
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
